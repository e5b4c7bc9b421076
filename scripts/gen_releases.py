#!/usr/bin/env python3
"""Generates synthetic pharma press releases for benchmarks (deterministic, written from
templates; every company, trial and most drug names are invented).

Usage: python3 scripts/gen_releases.py [--count N] [--seed S] [--dev PATH] --out FILE.jsonl

Writes one JSON object per line: {"id", "source": "generated" | "dev", "text"}. With --dev,
the texts of that gold file (e.g. ../shared/corpus/dev.jsonl) are appended when it exists.
"""
import argparse
import json
import os
import random

COMPANIES = ["Zentara Bio", "Halvern Therapeutics", "Qorvane Pharma", "Brightmoor Oncology",
             "Ostrava Biosciences", "Lumeric Health", "Tessaly Medicines", "Corvath Labs"]
CITIES = ["BOSTON", "SAN DIEGO", "CAMBRIDGE, Mass.", "BASEL, Switzerland", "LONDON", "TOKYO"]
GENERICS = ["pembrolizumab", "nivolumab", "docetaxel", "trastuzumab deruxtecan", "semaglutide",
            "tirzepatide", "osimertinib", "olaparib", "daratumumab", "lenalidomide",
            "dexamethasone", "adalimumab", "ustekinumab", "sotorasib", "inclisiran", "paclitaxel"]
BRANDS = ["KEYTRUDA", "OPDIVO", "ENHERTU", "OZEMPIC", "MOUNJARO", "TAGRISSO", "LYNPARZA",
          "DARZALEX", "REVLIMID", "HUMIRA", "STELARA"]
STEMS = ["velotuzumab", "corantinib", "meravisiran", "tolpaciclib", "desogutide", "ranevedotin"]
CONDITIONS = ["metastatic non-small cell lung cancer", "relapsed or refractory multiple myeloma",
              "HER2-positive early breast cancer", "type 2 diabetes", "moderate to severe plaque psoriasis",
              "advanced ovarian cancer", "generalized myasthenia gravis", "ulcerative colitis",
              "metastatic castration-resistant prostate cancer", "chronic kidney disease"]
SCHEDULES = ["every three weeks", "once daily", "twice daily", "once weekly", "every two weeks",
             "Q3W", "once-monthly", "every four weeks", "twice-yearly", "as a single dose"]
ROUTES = ["intravenously", "by subcutaneous injection", "orally", "as an intravenous infusion"]
UNITS = ["mg", "mg/kg", "mg/m²", "µg", "mg/m2", "IU/kg", "mL"]
OUTCOMES = [
    "an objective response rate (ORR) of {p}% (95% CI: {lo}-{hi})",
    "a median progression-free survival of {m} months versus {m2} months",
    "a hazard ratio of 0.{hr} (95% CI 0.{hrl}-0.{hrh}; p<0.001)",
    "a complete response rate of {p}%",
    "a reduction in HbA1c of {d}% from baseline",
    "a median overall survival (OS) of {m} months",
    "a disease control rate of {p}%",
    "PASI 75 in {p}% of patients at week 16",
]
SAFETY = [
    "The most common adverse events were nausea, fatigue and diarrhea.",
    "Grade 3 or higher treatment-related adverse events occurred in {p}% of patients.",
    "No dose-limiting toxicities were observed and no new safety signals were identified.",
    "{drug} was generally well tolerated, with a safety profile consistent with prior studies.",
    "Serious adverse events were reported in {p}% of patients, including neutropenia and pneumonitis.",
]
BOILERPLATE = (
    "About {company}\n{company} is a clinical-stage biopharmaceutical company developing medicines "
    "for patients with serious diseases. For more information, visit the company website.\n"
    "Forward-Looking Statements\nThis press release contains forward-looking statements within the "
    "meaning of the Private Securities Litigation Reform Act of 1995, including statements about the "
    "timing of data readouts, regulatory submissions and the potential of product candidates. Actual "
    "results may differ materially because of risks and uncertainties, including those described in "
    "the company's filings with the Securities and Exchange Commission. Net revenue for the quarter "
    "was ${rev} million.\n"
)


def code(rng):
    letters = "".join(rng.choice("ABCDEFGHJKLMNPRSTVZ") for _ in range(rng.choice([2, 3, 4])))
    return f"{letters}-{rng.randint(100, 9999)}"


def fill(rng, template, drug):
    p = rng.randint(10, 90)
    lo = max(1, p - rng.randint(3, 12))
    return template.format(
        p=f"{p}.{rng.randint(0, 9)}", lo=lo, hi=p + rng.randint(3, 12),
        m=f"{rng.randint(4, 30)}.{rng.randint(0, 9)}", m2=f"{rng.randint(2, 12)}.{rng.randint(0, 9)}",
        hr=rng.randint(40, 85), hrl=rng.randint(20, 40), hrh=rng.randint(86, 99),
        d=f"{rng.randint(0, 2)}.{rng.randint(1, 9)}", drug=drug,
    )


def release(rng):
    company = rng.choice(COMPANIES)
    dev_code = code(rng)
    generic = rng.choice(GENERICS + STEMS)
    brand = rng.choice(BRANDS)
    condition = rng.choice(CONDITIONS)
    phase = rng.choice(["Phase 1", "Phase 1b/2", "Phase 2", "Phase 3", "Phase III", "Phase I/IIa"])
    trial = rng.choice(["HORIZON", "SUMMIT", "ATLAS", "MERIDIAN", "KESTREL"]) + f"-{rng.randint(1, 400)}"
    n = rng.randint(20, 900)
    dose = f"{rng.choice([1, 2.5, 3.2, 6, 10, 100, 200, 400])} {rng.choice(UNITS)}"
    parts = [
        f"{company} Announces Positive Topline Results from {phase} {trial} Trial of {dev_code} in {condition.title()}",
        f"{rng.choice(CITIES)}, March {rng.randint(1, 28)}, 2026 -- {company} today announced positive topline "
        f"results from the {phase} {trial} trial (NCT0{rng.randint(1000000, 9999999)}) evaluating {dev_code} "
        f"({generic}) in combination with {brand}® in {n} patients with {condition}.",
        f"Patients received {dev_code} at {dose} {rng.choice(ROUTES)} {rng.choice(SCHEDULES)} "
        f"plus {rng.choice(GENERICS)} {rng.choice([75, 100, 200])} mg {rng.choice(SCHEDULES)}.",
        f"The trial met its primary endpoint, with {fill(rng, rng.choice(OUTCOMES), dev_code)} compared with "
        f"{rng.randint(5, 40)}.{rng.randint(0, 9)}% for placebo.",
        f"Key secondary endpoints showed {fill(rng, rng.choice(OUTCOMES), dev_code)} and "
        f"{fill(rng, rng.choice(OUTCOMES), dev_code)}.",
        fill(rng, rng.choice(SAFETY), dev_code),
        fill(rng, rng.choice(SAFETY), generic.capitalize()),
        f'"These data support {dev_code} as a potential new option for people living with {condition}," said '
        f"the Chief Medical Officer of {company}. \"We plan to discuss a regulatory submission with the FDA.\"",
        f"In the {rng.choice(['intent-to-treat', 'efficacy-evaluable', 'per-protocol'])} population, "
        f"{dev_code} plus {brand} produced {fill(rng, rng.choice(OUTCOMES), dev_code)}, and "
        f"{fill(rng, rng.choice(OUTCOMES), dev_code)}. Responses were durable, with a median duration of "
        f"response of {rng.randint(6, 24)}.{rng.randint(0, 9)} months. Among {rng.randint(10, 80)} patients "
        f"previously treated with {rng.choice(GENERICS)}, the disease control rate was {rng.randint(40, 95)}%.",
        fill(rng, rng.choice(SAFETY), brand),
        f"Discontinuations due to adverse events occurred in {rng.randint(1, 15)}% of patients receiving "
        f"{dev_code} and {rng.randint(1, 15)}% of patients receiving placebo. Peripheral neuropathy, "
        f"hyperglycemia and infusion-related reactions were mostly grade 1 or 2.",
        f"Detailed results will be presented at an upcoming medical meeting. In a prespecified subgroup of "
        f"patients with {rng.choice(CONDITIONS)}, {dev_code} at {rng.choice([3, 6, 8, 10])} mg/kg "
        f"{rng.choice(SCHEDULES)} achieved {fill(rng, rng.choice(OUTCOMES), dev_code)}. The company expects to "
        f"initiate a {rng.choice(['Phase 3', 'pivotal Phase 2', 'Phase 2b'])} trial in the second half of the year "
        f"and will host a conference call and webcast at 8:00 a.m. ET to discuss the results. Cash, cash "
        f"equivalents and marketable securities were ${rng.randint(50, 900)}.{rng.randint(0, 9)} million.",
        f"About {dev_code}\n{dev_code} ({generic}) is an investigational {rng.choice(['antibody-drug conjugate', 'oral small molecule', 'bispecific antibody', 'siRNA therapeutic'])} "
        f"designed to target a protein expressed on tumor cells. It is being evaluated in a {phase} program "
        f"across {rng.randint(2, 6)} indications, including {rng.choice(CONDITIONS)} and {rng.choice(CONDITIONS)}, "
        f"at doses from {rng.randint(1, 5)} to {rng.randint(6, 20)} mg/kg administered {rng.choice(SCHEDULES)}.",
        f"About {trial}\n{trial} is a randomized, double-blind, placebo-controlled {phase} study that enrolled "
        f"more than {n} participants. The primary endpoint is progression-free survival; secondary endpoints "
        f"include overall survival, duration of response and safety.",
        BOILERPLATE.format(company=company, rev=rng.randint(5, 400)),
    ]
    return "\n".join(parts)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--dev", help="gold JSONL whose texts are appended when present")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        for i in range(args.count):
            f.write(json.dumps({"id": f"gen-{i}", "source": "generated", "text": release(rng)},
                               ensure_ascii=False) + "\n")
        if args.dev and os.path.exists(args.dev):
            with open(args.dev, encoding="utf-8") as dev:
                for line in dev:
                    doc = json.loads(line)
                    f.write(json.dumps({"id": f"dev-{doc.get('id')}", "source": "dev", "text": doc["text"]},
                                       ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
