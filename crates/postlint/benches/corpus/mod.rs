//! A deterministic generator of realistic drafts for benchmarks: UK healthcare
//! social media posts with hashtags, mentions, emoji, URLs and line breaks,
//! about one in eight carrying something a rule should flag.

/// A small, fast, seeded generator (xorshift64*), so every run lints the same posts.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const SENTENCES: &[&str] = &[
    "Great turnout at this morning's #physiotalk on early mobilisation after hip fracture.",
    "Reflecting on my first month as a newly qualified nurse: the team has been amazing.",
    "Delighted to share that our MDT poster was accepted for the conference in Manchester!",
    "Reminder that flu jabs are available for all staff in the occupational health hub this week.",
    "Falls prevention is everyone's business: check footwear, lighting and medication reviews.",
    "Huge thanks to the ward team for covering the bank shift at short notice.",
    "New NICE guidance on low back pain is worth a read before Monday's in-service training.",
    "Twelve-hour night shift done, home to sleep and then revision for my prescribing module.",
    "Our OT students ran a brilliant session on graded activity and pacing today.",
    "If you're struggling this winter, please talk to someone. You are not alone.",
    "Evidence says progressive resistance training works at any age. Start low, go slow.",
    "Congratulations to our preceptorship cohort on completing their first year!",
    "Handover went smoothly tonight and the new e-obs system is finally behaving.",
    "Coffee, CPD portfolio and a quiet Sunday. Bliss.",
    "Wondering how other trusts run their virtual wards for frailty? Tips welcome.",
    "Read the full paper: https://doi.org/10.1136/bmj.n71 — open access.",
];

const FINDINGS: &[&str] = &[
    "Pt's NHS no is 401 023 2137, can someone chase the bloods?",
    "What a sh1t night, f*cking chaos on the unit",
    "Use code PHYSIO20 for 20% off these resistance bands!",
    "Three bed blockers on the ward again this morning.",
    "The gentleman in bed 12 keeps escaping, bless him",
    "Lovely lady, DOB 14/03/1941, asking for her son",
    "another bloody rota change",
];

const TAGS: &[&str] = &[
    "#physiotalk",
    "#wenurses",
    "#OTalk",
    "#NHS",
    "#CPD",
    "#MedTwitter",
    "#100DaysOfPhysio",
    "#AHPs",
    "#nursing",
    "@NHSEngland",
    "@thecsp",
    "@theRCN",
    "🩺",
    "💪🏽",
    "👩🏾‍⚕️",
    "🙌",
    "☕",
    "https://example.org/blog/post-123",
];

/// One post of about `target` bytes.
pub fn post(rng: &mut Rng, target: usize) -> String {
    let mut text = String::with_capacity(target + 200);
    let with_finding = rng.below(8) == 0;
    let finding_at = if with_finding {
        Some(rng.below(target / 120 + 1))
    } else {
        None
    };
    let mut sentences = 0;
    while text.len() < target {
        if Some(sentences) == finding_at {
            text.push_str(rng.pick(FINDINGS));
        } else {
            text.push_str(rng.pick(SENTENCES));
        }
        sentences += 1;
        match rng.below(6) {
            0 => text.push('\n'),
            1 => {
                text.push(' ');
                text.push_str(rng.pick(TAGS));
                text.push(' ');
            }
            _ => text.push(' '),
        }
    }
    if with_finding && finding_at.is_some_and(|f| f >= sentences) {
        text.push_str(rng.pick(FINDINGS));
    }
    text.push_str(rng.pick(TAGS));
    text
}

/// `count` posts of roughly tweet length (80 to 280 bytes).
pub fn tweets(seed: u64, count: usize) -> Vec<String> {
    let mut rng = Rng::new(seed);
    (0..count)
        .map(|_| {
            let target = 80 + rng.below(200);
            post(&mut rng, target)
        })
        .collect()
}
