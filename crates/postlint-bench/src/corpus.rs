//! A deterministic generator of realistic drafts: UK healthcare social media
//! posts with hashtags, @mentions, URLs, emoji (skin tones, ZWJ sequences,
//! flags), line breaks and some non-English or accented text. About one
//! tweet in seven carries something one of the four built-in packs should flag
//! (patient identifiers, swearing, conflicts of interest, professionalism).
//!
//! Everything is a pure function of the seed: the same seed gives the same
//! bytes on every machine and every run (`tests/corpus.rs` checks this).

/// A small, fast, seeded generator (xorshift64*), so every run lints the same posts.
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed` (0 is treated as 1: xorshift needs a non-zero state).
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `lo..hi` (`hi` > `lo`).
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo)
    }

    /// True with probability `percent` / 100.
    pub fn percent(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// One of `items`, uniformly.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// The most characters a tweet-sized post has.
pub const TWEET_MAX_CHARS: usize = 280;

/// The share of tweets, in percent, given a planted finding.
pub const TWEET_FINDING_PERCENT: usize = 14;

/// The share of LinkedIn-length posts, in percent, given a planted finding.
pub const LONG_FINDING_PERCENT: usize = 20;

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
    "Read the full paper: https://doi.org/10.1136/bmj.n71 (open access).",
    "Journal club this Thursday: we're looking at the evidence for early supported discharge.",
    "Proud of our apprentices who passed their end-point assessments this week.",
    "Tip for students: write your reflections the same day, you will forget the details.",
    "Our stroke team hit the four-hour target every day this month. Teamwork!",
    "Anyone else find the new rota app confusing? Asking for a friend.",
    "Walked 14,000 steps today and still didn't find the pharmacy in the new wing.",
    "Really thoughtful talk from our chaplaincy team about compassion fatigue.",
    "Vacancy alert: Band 5 physio rotation, closing date next Friday.",
    "Sunshine, a tea break on the bench outside and a patient story that made my day.",
    "Thread on what we learned from running a menopause clinic for staff.",
    "Slides from my talk are on the team site, thanks to everyone who came.",
    "Lovely to see so many families at the open day for our new maternity unit.",
];

const NON_ENGLISH: &[&str] = &[
    "Diolch yn fawr i'r tîm am eich gwaith caled heddiw.",
    "Merci à toute l'équipe de rééducation pour cette belle journée.",
    "Dziękuję wszystkim pielęgniarkom za ciężką pracę w tym tygodniu.",
    "Gracias a las enfermeras del turno de noche, sois increíbles.",
    "Go raibh míle maith agaibh, a chairde, as an tacaíocht.",
    "Obrigada à equipa de fisioterapia pela formação de hoje.",
    "Café, croissant and a quick read of the NMC revalidation guidance.",
    "Zoë and Siân from the naïve-cohort study presented the résumé of their findings.",
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
    "#StudentNurse",
    "#FallsPrevention",
    "@NHSEngland",
    "@thecsp",
    "@theRCN",
    "@NMCnews",
    "@RCOT_UK",
    "🩺",
    "💪🏽",
    "👩🏾‍⚕️",
    "👨🏻‍⚕️",
    "🧑🏿‍⚕️",
    "🙌",
    "🙏🏼",
    "☕",
    "❤️",
    "❤️‍🩹",
    "🫶🏻",
    "👍🏿",
    "🏳️‍🌈",
    "👨‍👩‍👧",
    "🏴󠁧󠁢󠁷󠁬󠁳󠁿",
    "😂",
    "https://example.org/blog/post-123",
    "https://t.co/Xk3fR8pQzL",
    "https://www.nhs.uk/conditions/falls/",
    "https://bit.ly/3CPDlog",
];

/// Findings, one per pack family. `{nhs}`, `{nhs-}`, `{n}`, `{postcode}`,
/// `{name}`, `{dob}` and `{code}` are filled in by [`finding`].
const FINDINGS: &[&str] = &[
    // patient identifiers
    "Pt's NHS no is {nhs}, can someone chase the bloods?",
    "could someone ring the ward about the blister pack for {nhs-}?",
    "The gentleman in bed {n} keeps escaping, bless him",
    "Bay {n} have been lovely today",
    "If his postcode is {postcode} why is the house half a mile away?!",
    "Lovely lady, DOB {dob}, asking for her son",
    "My patient {name} asked me to teach him the English word for every exercise",
    // swearing, plain and disguised
    "What a sh1t night, f*cking chaos on the unit",
    "absolute f**k up with the rota again",
    "another bloody rota change",
    "WTF is going on with the car park tonight",
    "Knackered af after three nights on the trot",
    // conflicts of interest
    "Use code {code} for 20% off these resistance bands!",
    "Grab yours here, my favourite insoles: https://amzn.to/3xYz{n}Q",
    "As a chartered physio, I swear by @RollerPro for runners' knee. Grab yours at the link below 👇",
    "Clinically proven to cure neck pain in 7 nights 😴 Only £49 at kelly-physio-pillow.co.uk",
    // professionalism
    "Three bed blockers on the ward again this morning.",
    "Two on the ward circling the drain and palliative still haven't been",
    "the NOF in cubicle {n} needs analgesia",
    "Comment your symptoms below and I'll tell you what it is",
];

const NAMES: &[&str] = &[
    "Wojciech",
    "Małgorzata",
    "Siobhán",
    "Edna",
    "Stanley",
    "Aoife",
    "Dafydd",
    "Chloé",
];

const POSTCODES: &[&str] = &[
    "BD7 2RS", "LS6 2QH", "M14 5RH", "B15 2TT", "CF14 4XW", "EH16 4SA", "NE1 4LP", "BS8 1TH",
];

const BRANDS: &[&str] = &["PHYSIO", "NURSE", "FLEX", "RUNFIT", "MOVE"];

/// A ten-digit number that passes the NHS number check (modulus 11).
pub fn nhs_number(rng: &mut Rng) -> [u8; 10] {
    loop {
        let mut digits = [0u8; 10];
        for (i, d) in digits.iter_mut().take(9).enumerate() {
            // A leading 4, 6 or 7, like most numbers issued in England.
            *d = if i == 0 {
                [4, 6, 7][rng.below(3)]
            } else {
                rng.below(10) as u8
            };
        }
        let sum: u32 = digits[..9]
            .iter()
            .enumerate()
            .map(|(i, &d)| u32::from(d) * (10 - i as u32))
            .sum();
        let check = 11 - sum % 11;
        match check {
            11 => digits[9] = 0,
            10 => continue,
            c => digits[9] = c as u8,
        }
        return digits;
    }
}

fn nhs_text(digits: &[u8; 10], separator: char) -> String {
    let mut out = String::with_capacity(12);
    for (i, d) in digits.iter().enumerate() {
        if i == 3 || i == 6 {
            out.push(separator);
        }
        out.push(char::from(b'0' + d));
    }
    out
}

/// One finding sentence, with its placeholders filled in.
pub fn finding(rng: &mut Rng) -> String {
    let template = rng.pick(FINDINGS);
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else { break };
        let key = &rest[open + 1..open + close];
        match key {
            "nhs" => out.push_str(&nhs_text(&nhs_number(rng), ' ')),
            "nhs-" => out.push_str(&nhs_text(&nhs_number(rng), '-')),
            "n" => out.push_str(&rng.range(1, 30).to_string()),
            "postcode" => out.push_str(rng.pick(POSTCODES)),
            "name" => out.push_str(rng.pick(NAMES)),
            "dob" => out.push_str(&format!(
                "{:02}/{:02}/19{:02}",
                rng.range(1, 29),
                rng.range(1, 13),
                rng.range(20, 60)
            )),
            "code" => out.push_str(&format!("{}{}", rng.pick(BRANDS), rng.range(10, 40))),
            other => out.push_str(other),
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// One clean sentence: mostly English, one in ten not (or with accents).
pub fn sentence(rng: &mut Rng) -> &'static str {
    if rng.below(10) == 0 {
        rng.pick(NON_ENGLISH)
    } else {
        rng.pick(SENTENCES)
    }
}

/// A hashtag, @mention, emoji or URL.
pub fn tag(rng: &mut Rng) -> &'static str {
    rng.pick(TAGS)
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// One tweet-sized post: at most [`TWEET_MAX_CHARS`] characters, lengths
/// spread like real posts (a quarter under 100 characters, a quarter over
/// 200), with [`TWEET_FINDING_PERCENT`] percent carrying a planted finding.
pub fn tweet(rng: &mut Rng) -> String {
    let target = match rng.below(100) {
        0..25 => rng.range(40, 100),
        25..75 => rng.range(100, 200),
        _ => rng.range(200, TWEET_MAX_CHARS + 1),
    };
    let planted = rng.percent(TWEET_FINDING_PERCENT).then(|| finding(rng));
    let mut used = planted.as_deref().map_or(0, |f| chars(f) + 1);
    let mut pieces: Vec<&str> = Vec::new();
    loop {
        let s = sentence(rng);
        let n = chars(s) + 1;
        if used + n > TWEET_MAX_CHARS || (used >= target && !(pieces.is_empty() && planted.is_none())) {
            break;
        }
        pieces.push(s);
        used += n;
    }
    let at = rng.below(pieces.len() + 1);
    let mut parts: Vec<&str> = pieces;
    if let Some(f) = planted.as_deref() {
        parts.insert(at, f);
    }
    let mut text = String::with_capacity(used * 2 + 64);
    let mut count = 0;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            if rng.below(6) == 0 {
                text.push('\n');
            } else {
                text.push(' ');
            }
        }
        text.push_str(part);
        count += chars(part) + 1;
    }
    // Trailing hashtags, mentions, emoji or a link, while they fit.
    for _ in 0..rng.below(4) {
        let t = tag(rng);
        if count + chars(t) + 1 > TWEET_MAX_CHARS {
            break;
        }
        text.push(' ');
        text.push_str(t);
        count += chars(t) + 1;
    }
    text
}

/// `count` tweet-sized posts from `seed`.
pub fn tweets(seed: u64, count: usize) -> Vec<String> {
    let mut rng = Rng::new(seed);
    (0..count).map(|_| tweet(&mut rng)).collect()
}

/// One post of at least `target` bytes (the last sentence may overshoot by
/// about 100 bytes): sentences, line breaks and tags, with a planted finding
/// one time in eight.
pub fn post(rng: &mut Rng, target: usize) -> String {
    let mut text = String::with_capacity(target + 200);
    let finding_at = (rng.below(8) == 0).then(|| rng.below(target / 120 + 1));
    let mut sentences = 0;
    let mut placed = false;
    while text.len() < target {
        if Some(sentences) == finding_at {
            text.push_str(&finding(rng));
            placed = true;
        } else {
            text.push_str(sentence(rng));
        }
        sentences += 1;
        match rng.below(6) {
            0 => text.push('\n'),
            1 => {
                text.push(' ');
                text.push_str(tag(rng));
                text.push(' ');
            }
            _ => text.push(' '),
        }
    }
    if finding_at.is_some() && !placed {
        text.push_str(&finding(rng));
        text.push(' ');
    }
    text.push_str(tag(rng));
    text
}

/// Exactly `n` characters of a post (cut at a character, which may split an
/// emoji sequence, as a character-limited composer would).
pub fn post_of_chars(rng: &mut Rng, n: usize) -> String {
    let text = post(rng, n * 4);
    text.chars().take(n).collect()
}

/// One LinkedIn-length post: 1,300 to 3,000 characters in paragraphs, with
/// emoji bullets and a block of hashtags at the end; [`LONG_FINDING_PERCENT`]
/// percent carry a planted finding.
pub fn linkedin(rng: &mut Rng) -> String {
    let target = rng.range(1300, 3001);
    let planted = rng.percent(LONG_FINDING_PERCENT).then(|| finding(rng));
    let finding_paragraph = rng.below(4);
    let mut text = String::with_capacity(target * 2);
    let mut paragraph = 0;
    let mut count = 0;
    while count < target {
        if paragraph > 0 {
            text.push_str("\n\n");
        }
        let bullets = rng.below(4) == 0;
        for i in 0..rng.range(2, 5) {
            if bullets {
                if i > 0 {
                    text.push('\n');
                }
                text.push_str(rng.pick(&["✅ ", "👉 ", "🔹 ", "• ", "1️⃣ "]));
            } else if i > 0 {
                text.push(' ');
            }
            if paragraph == finding_paragraph && i == 1 {
                if let Some(f) = planted.as_deref() {
                    text.push_str(f);
                    text.push(' ');
                }
            }
            text.push_str(sentence(rng));
        }
        paragraph += 1;
        count = chars(&text);
    }
    if paragraph <= finding_paragraph {
        if let Some(f) = planted.as_deref() {
            text.push_str("\n\n");
            text.push_str(f);
        }
    }
    text.push_str("\n\n");
    for i in 0..rng.range(3, 8) {
        if i > 0 {
            text.push(' ');
        }
        text.push_str(tag(rng));
    }
    text
}

/// `count` LinkedIn-length posts from `seed`.
pub fn linkedins(seed: u64, count: usize) -> Vec<String> {
    let mut rng = Rng::new(seed);
    (0..count).map(|_| linkedin(&mut rng)).collect()
}

/// An archive of at least `bytes` bytes: a person's posts, tweets and the odd
/// LinkedIn post, separated by blank lines (as an export of a year's posts).
pub fn archive(seed: u64, bytes: usize) -> String {
    let mut rng = Rng::new(seed);
    let mut text = String::with_capacity(bytes + 4096);
    while text.len() < bytes {
        if rng.below(20) == 0 {
            text.push_str(&linkedin(&mut rng));
        } else {
            text.push_str(&tweet(&mut rng));
        }
        text.push_str("\n\n");
    }
    text
}
