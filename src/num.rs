//! Decimal text to `f64`: [`parse_f64`] gives what `str::parse::<f64>` gives (the same syntax,
//! the same correctly rounded values) without the standard library's parser, whose table of
//! powers of five is about 10 KB in the gzipped wasm.
//!
//! Numbers in press releases are short: up to 15 significant digits and a power of ten up to
//! 22 are exact in `f64` and make one correctly rounded multiplication or division (Clinger's
//! fast path). Anything else takes an exact path on big integers: the digits (at most 800 of
//! them, see [`MAX_DIGITS`]) times a power of ten, or divided by one bit by bit, rounded once.

/// The powers of ten that are exact in `f64`.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
    1e19, 1e20, 1e21, 1e22,
];

/// Significant digits kept on the exact path. A value halfway between two `f64` (the only
/// values where rounding could go either way) has at most 767 significant digits, so digits
/// after the 800th only matter as "some non-zero digit follows", which a final `1` stands for.
const MAX_DIGITS: usize = 800;

/// Parses `s` as `str::parse::<f64>` does: `[+-]` then digits with an optional `.` (at least
/// one digit) and an optional exponent `e`/`E` `[+-]` digits, or `inf`, `infinity`, `nan` in
/// any case. `None` where `str::parse` gives an error.
pub fn parse_f64(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let (negative, b) = match b.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, b),
    };
    let v = parse_unsigned(b)?;
    Some(if negative { -v } else { v })
}

/// The length of the run of ASCII digits that starts `b`.
fn digit_run(b: &[u8]) -> usize {
    b.iter().position(|c| !c.is_ascii_digit()).unwrap_or(b.len())
}

fn parse_unsigned(b: &[u8]) -> Option<f64> {
    let (int, rest) = b.split_at(digit_run(b));
    let (frac, rest) = match rest.split_first() {
        Some((b'.', after)) => after.split_at(digit_run(after)),
        _ => (&[][..], rest),
    };
    if int.is_empty() && frac.is_empty() {
        return if b.eq_ignore_ascii_case(b"inf") || b.eq_ignore_ascii_case(b"infinity") {
            Some(f64::INFINITY)
        } else if b.eq_ignore_ascii_case(b"nan") {
            Some(f64::NAN)
        } else {
            None
        };
    }
    let exp: i64 = match rest.split_first() {
        None => 0,
        Some((b'e' | b'E', after)) => {
            let (negative, digits) = match after.split_first() {
                Some((b'-', d)) => (true, d),
                Some((b'+', d)) => (false, d),
                _ => (false, after),
            };
            if digits.is_empty() || digit_run(digits) != digits.len() {
                return None;
            }
            // Saturates: far beyond any finite non-zero value either way.
            let e = digits.iter().fold(0i64, |e, &d| {
                if e < 1 << 20 {
                    e * 10 + i64::from(d - b'0')
                } else {
                    e
                }
            });
            if negative {
                -e
            } else {
                e
            }
        }
        _ => return None,
    };
    // The significant digits: no leading or trailing zeros.
    let digits = || int.iter().chain(frac).copied();
    let total = int.len() + frac.len();
    let leading = digits().take_while(|&d| d == b'0').count();
    if leading == total {
        return Some(0.0);
    }
    let trailing = int.iter().chain(frac).rev().take_while(|&&d| d == b'0').count();
    let n = total - leading - trailing;
    // value = significant digits * 10^e10
    let e10 = exp - frac.len() as i64 + trailing as i64;
    let magnitude = n as i64 + e10; // 10^(magnitude - 1) <= value < 10^magnitude
    if magnitude > 310 {
        return Some(f64::INFINITY);
    }
    if magnitude < -330 {
        return Some(0.0);
    }
    let significant = digits().skip(leading).take(n);
    if n <= 15 && e10.unsigned_abs() <= 22 {
        let m = significant.fold(0u64, |m, d| m * 10 + u64::from(d - b'0')) as f64;
        let p = POW10[e10.unsigned_abs() as usize];
        return Some(if e10 < 0 { m / p } else { m * p });
    }
    Some(exact(significant, e10))
}

/// The correctly rounded value of `digits * 10^e10`.
fn exact(digits: impl Iterator<Item = u8>, mut e10: i64) -> f64 {
    let mut d = Big::default();
    let mut kept = 0;
    let mut dropped_non_zero = false;
    for c in digits {
        if kept < MAX_DIGITS {
            d.mul_add(10, u32::from(c - b'0'));
            kept += 1;
        } else {
            dropped_non_zero |= c != b'0';
            e10 += 1;
        }
    }
    if dropped_non_zero {
        d.mul_add(10, 1);
        e10 -= 1;
    }
    if e10 >= 0 {
        for _ in 0..e10 {
            d.mul_add(10, 0);
        }
        let bits = d.bits();
        if bits <= 128 {
            return round(d.low128(), false, 0);
        }
        let shift = bits - 128;
        let sticky = d.any_below(shift);
        d.shr(shift);
        return round(d.low128(), sticky, shift as i64);
    }
    // d / 10^k = d / 5^k * 2^-k, with the quotient by 5^k computed to 65-67 bits.
    let k = e10.unsigned_abs() as usize;
    let mut den = Big::default();
    den.mul_add(1, 1);
    for _ in 0..k {
        den.mul_add(5, 0);
    }
    let s = 66 + den.bits() as i64 - d.bits() as i64;
    if s > 0 {
        d.shl(s as usize);
    } else {
        den.shl(s.unsigned_abs() as usize);
    }
    den.shl(66);
    let mut q = 0u128;
    for i in (0..=66).rev() {
        if d.ge(&den) {
            d.sub(&den);
            q |= 1 << i;
        }
        den.shr(1);
    }
    round(q, !d.is_zero(), -s - k as i64)
}

/// The `f64` nearest to `(q + t) * 2^e2`, where `t` is 0 when `!sticky` and strictly between 0
/// and 1 otherwise; ties to even.
fn round(q: u128, sticky: bool, e2: i64) -> f64 {
    if q == 0 {
        return 0.0;
    }
    let top = 127 - i64::from(q.leading_zeros()) + e2; // the leading bit is 2^top
    if top > 1023 {
        return f64::INFINITY;
    }
    // The last bit kept: 52 below the leading bit, or 2^-1074 for subnormal values.
    let lsb = (top - 52).max(-1074);
    let drop = lsb - e2;
    if drop <= 0 {
        return scale(q as u64, e2);
    }
    if drop >= 100 {
        return 0.0; // q < 2^99, less than half of 2^lsb
    }
    let mantissa = q >> drop;
    let rest = q & ((1 << drop) - 1);
    let half = 1 << (drop - 1);
    let up = rest > half || (rest == half && (sticky || mantissa & 1 == 1));
    scale((mantissa + u128::from(up)) as u64, lsb)
}

/// `m * 2^e` for `m <= 2^53` and a product that is an `f64` (or beyond the largest: infinity).
fn scale(m: u64, e: i64) -> f64 {
    let pow2 = |e: i64| f64::from_bits(((e + 1023) as u64) << 52);
    if e < -1022 {
        m as f64 * pow2(e + 600) * pow2(-600)
    } else {
        m as f64 * pow2(e)
    }
}

/// An unsigned big integer, 32-bit limbs, least significant first, no zero limb on top.
#[derive(Default)]
struct Big(Vec<u32>);

impl Big {
    fn mul_add(&mut self, m: u32, a: u32) {
        let mut carry = u64::from(a);
        for limb in &mut self.0 {
            let v = u64::from(*limb) * u64::from(m) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry != 0 {
            self.0.push(carry as u32);
        }
    }

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    fn is_zero(&self) -> bool {
        self.0.is_empty()
    }

    fn bits(&self) -> usize {
        self.0
            .last()
            .map_or(0, |&top| 32 * self.0.len() - top.leading_zeros() as usize)
    }

    fn shl(&mut self, n: usize) {
        let (limbs, bits) = (n / 32, n % 32);
        if bits > 0 {
            let mut carry = 0;
            for limb in &mut self.0 {
                let v = (*limb << bits) | carry;
                carry = *limb >> (32 - bits);
                *limb = v;
            }
            if carry != 0 {
                self.0.push(carry);
            }
        }
        if !self.is_zero() {
            self.0.splice(0..0, std::iter::repeat_n(0, limbs));
        }
    }

    fn shr(&mut self, n: usize) {
        let (limbs, bits) = (n / 32, n % 32);
        self.0.drain(..limbs.min(self.0.len()));
        if bits > 0 {
            let mut carry = 0;
            for limb in self.0.iter_mut().rev() {
                let v = (*limb >> bits) | carry;
                carry = *limb << (32 - bits);
                *limb = v;
            }
        }
        self.trim();
    }

    /// Whether a bit below `2^n` is set.
    fn any_below(&self, n: usize) -> bool {
        let (limbs, bits) = (n / 32, n % 32);
        self.0.iter().take(limbs).any(|&l| l != 0)
            || (bits > 0 && self.0.get(limbs).is_some_and(|&l| l & ((1 << bits) - 1) != 0))
    }

    fn low128(&self) -> u128 {
        self.0
            .iter()
            .take(4)
            .rev()
            .fold(0, |v, &l| (v << 32) | u128::from(l))
    }

    fn ge(&self, other: &Big) -> bool {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
            .is_ge()
    }

    /// `self -= other`, for `self >= other`.
    fn sub(&mut self, other: &Big) {
        let mut borrow = false;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let (v, b1) = limb.overflowing_sub(other.0.get(i).copied().unwrap_or(0));
            let (v, b2) = v.overflowing_sub(u32::from(borrow));
            *limb = v;
            borrow = b1 || b2;
        }
        self.trim();
    }
}

#[cfg(test)]
mod tests {
    use super::parse_f64;

    fn same(s: &str) {
        let want = s.parse::<f64>().ok();
        let got = parse_f64(s);
        assert_eq!(
            got.map(f64::to_bits),
            want.map(f64::to_bits),
            "{s:?}: {got:?} != {want:?}"
        );
    }

    /// A small deterministic generator (xorshift64*).
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    #[test]
    fn syntax_as_str_parse() {
        for s in [
            "",
            "+",
            "-",
            ".",
            "-.",
            "e5",
            ".e5",
            "1e",
            "1e+",
            "1e-",
            "1.e3",
            ".5",
            "5.",
            "-0",
            "+0.0",
            "-0e10",
            "00012.3400",
            "1,000",
            "1_000",
            " 1",
            "1 ",
            "1..2",
            "1.2.3",
            "1e5.5",
            "1e+-5",
            "++1",
            "+-1",
            "inf",
            "-inf",
            "+Infinity",
            "INF",
            "infinit",
            "infinityx",
            "nan",
            "NaN",
            "-nan",
            "nana",
            "\u{2212}1",
            "1e99999999999999999999",
            "1e-99999999999999999999",
            "0e99999999999999999999",
            "١",
            "1\u{0}",
        ] {
            same(s);
        }
    }

    #[test]
    fn hard_values_as_str_parse() {
        for s in [
            "9007199254740993",
            "9007199254740995",
            "9007199254740993.0000000000000000000000001",
            "2.2250738585072011e-308",
            "2.2250738585072012e-308",
            "2.2250738585072014e-308",
            "4.9406564584124654e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "2.47032822920623272e-324",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "1e308",
            "1e309",
            "1e-324",
            "1e-323",
            "0.1",
            "0.3",
            "123456789012345678901234567890",
            "1.00000000000000011102230246251565404236316680908203125",
            "1.00000000000000011102230246251565404236316680908203124",
            "1.00000000000000011102230246251565404236316680908203126",
            "1.00000000000000033306690738754696212708950042724609375",
            "7.038531e-26",
            "1448997445238699",
            "358416272e-33",
        ] {
            same(s);
        }
    }

    /// Random numbers of every shape, from short ones (the fast path) to long ones.
    #[test]
    fn random_numbers_as_str_parse() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..20_000 {
            let mut s = String::new();
            if rng.below(4) == 0 {
                s.push('-');
            }
            let int_len = [0, 1, 2, 5, 16, 20, 40][rng.below(7) as usize];
            for _ in 0..int_len {
                s.push(char::from(b'0' + rng.below(10) as u8));
            }
            if rng.below(2) == 0 {
                s.push('.');
                let frac_len = [0, 1, 3, 10, 17, 30][rng.below(6) as usize];
                for _ in 0..frac_len {
                    s.push(char::from(b'0' + rng.below(10) as u8));
                }
            }
            if rng.below(3) == 0 {
                let e = rng.below(700) as i64 - 350;
                s.push_str(&format!("e{e}"));
            }
            same(&s);
        }
    }

    /// Exact decimal sum of two non-negative numbers written with the same number of decimals.
    fn add_decimals(a: &str, b: &str) -> String {
        let width = a.len().max(b.len());
        let (a, b) = (format!("{a:0>width$}"), format!("{b:0>width$}"));
        let mut out = Vec::new();
        let mut carry = 0;
        for (x, y) in a.bytes().rev().zip(b.bytes().rev()) {
            if x == b'.' {
                out.push(b'.');
                continue;
            }
            let v = (x - b'0') + (y - b'0') + carry;
            out.push(b'0' + v % 10);
            carry = v / 10;
        }
        if carry > 0 {
            out.push(b'0' + carry);
        }
        out.reverse();
        String::from_utf8(out).unwrap()
    }

    /// Exact half of a non-negative decimal number (one more decimal).
    fn halve(a: &str) -> String {
        let mut out = String::new();
        let mut rem = 0;
        for c in a.bytes().chain(std::iter::once(b'0')) {
            if c == b'.' {
                out.push('.');
                continue;
            }
            let v = rem * 10 + (c - b'0');
            out.push(char::from(b'0' + v / 2));
            rem = v % 2;
        }
        assert_eq!(rem, 0);
        out
    }

    /// Values exactly halfway between two neighbouring `f64`, and just above and below them,
    /// across the whole range (normal and subnormal).
    #[test]
    fn halfway_values_as_str_parse() {
        let mut rng = Rng(0x1234_5678_9abc_def1);
        for i in 0..400 {
            let bits = if i % 4 == 0 {
                rng.below(1 << 52) // subnormal
            } else {
                rng.below(0x7fe0_0000_0000_0000)
            };
            let x = f64::from_bits(bits);
            let next = f64::from_bits(bits + 1);
            let mid = halve(&add_decimals(&format!("{x:.1100}"), &format!("{next:.1100}")));
            let mid = mid.trim_end_matches('0');
            same(mid);
            same(&format!("{mid}1"));
            same(&format!("{mid}0000000000000000000000000000000000000000000000001"));
            let significant = mid.trim_start_matches(['0', '.']).len();
            // cut: just below the halfway value
            same(&mid[..mid.len() - significant.min(mid.len()) / 2]);
            same(&format!("{x:e}"));
        }
    }
}
