//! One sort for the whole library.
//!
//! Every call of the standard library's `sort_by` with another element type or closure is
//! compiled into another copy of its sort (several KB of wasm each; a dozen call sites made
//! about a tenth of the code). [`sort_by`] sorts the indices of the elements, with the
//! comparison behind `dyn`, so that one copy serves every call, then moves the elements into
//! that order. The lists sorted here are short (candidates of one text, word lists), where the
//! indirection costs little.

use std::cmp::Ordering;

/// Sorts `v` by `cmp`, stably, as `slice::sort_by` does.
pub fn sort_by<T>(v: &mut Vec<T>, mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = {
        let items: &[T] = v;
        sorted_indices(items.len(), &mut |a, b| cmp(&items[a], &items[b]))
    };
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(
        order
            .into_iter()
            .filter_map(|i| slots.get_mut(i).and_then(Option::take)),
    );
}

/// Sorts `v` by the key `key` gives, stably, as `slice::sort_by_key` does.
pub fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` in ascending order; for a total order (equal elements are alike), the same as
/// `slice::sort` or `slice::sort_unstable`.
pub fn sort<T: Ord>(v: &mut Vec<T>) {
    sort_by(v, T::cmp);
}

/// The indices `0..n` in the order `cmp` gives, stably: the one instance of the standard sort.
fn sorted_indices(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_like_the_standard_sort() {
        // (key, original position): equal keys keep their order.
        let keys = [
            5, 3, 5, 1, 3, 3, 9, 0, 5, 1, 2, 8, 8, 7, 3, 5, 6, 4, 0, 2, 9, 1, 5, 3,
        ];
        let mut ours: Vec<(u32, usize)> = keys.iter().copied().zip(0..).collect();
        let mut std_sorted = ours.clone();
        sort_by_key(&mut ours, |&(k, _)| k);
        std_sorted.sort_by_key(|&(k, _)| k);
        assert_eq!(ours, std_sorted);
        let mut rev = keys.iter().copied().zip(0..).collect::<Vec<(u32, usize)>>();
        sort_by(&mut rev, |a, b| b.0.cmp(&a.0));
        assert_eq!(rev.first(), Some(&(9, 6)));
        assert_eq!(rev.get(1), Some(&(9, 20)));
        assert_eq!(rev.last(), Some(&(0, 18)));
    }

    #[test]
    fn sorts_owned_values_and_short_lists() {
        let mut words: Vec<String> = ["pear", "apple", "fig", "apple"].map(String::from).to_vec();
        sort(&mut words);
        assert_eq!(words, ["apple", "apple", "fig", "pear"]);
        let mut one = vec![3];
        sort(&mut one);
        assert_eq!(one, [3]);
        let mut none: Vec<u8> = Vec::new();
        sort(&mut none);
        assert!(none.is_empty());
    }
}
