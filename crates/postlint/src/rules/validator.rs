//! Named validators: checks a pattern match must pass before it is reported.
//!
//! Formats and algorithms follow `shared/guidance.md` part F, which cites the
//! NHS Data Dictionary (NHS, CHI and H&C numbers), HMRC's NIM39110 (National
//! Insurance numbers), BS7666 and Tony Finch's analysis (postcodes) and
//! Ofcom's drama number ranges (telephone numbers).

/// A check applied to the text a pattern matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Validator {
    /// NHS number (England, Wales, Isle of Man): mod 11 check digit, issued
    /// ranges (3xx below 320, 4xx, 6xx, 7xx, and the reserved 999 test range),
    /// no repeated digits, not `0123456789`.
    NhsNumber,
    /// Any ten digits with a valid NHS modulus 11 check digit, whatever the
    /// range (for numbers labelled as NHS numbers, which may come from any scheme).
    Mod11,
    /// Scottish CHI number: DDMMYY date of birth then mod 11 check digit.
    ChiNumber,
    /// Northern Ireland Health and Care number: base 320000001–399999999, mod 11.
    HcNumber,
    /// UK National Insurance number: HMRC prefix and suffix letter rules.
    NationalInsuranceNumber,
    /// UK postcode: letter rules per position, or an NHS pseudo-postcode (`ZZ99 3VZ`).
    UkPostcode,
    /// UK telephone number of the right length, outside Ofcom's drama ranges.
    UkPhone,
    /// Luhn check digit (payment cards and many reference numbers).
    Luhn,
    /// A real calendar date (day, month name or number, year; leap years checked).
    Date,
}

impl Validator {
    /// Every validator with its rule-file name.
    pub const ALL: &'static [(&'static str, Validator)] = &[
        ("nhs-number", Validator::NhsNumber),
        ("mod11", Validator::Mod11),
        ("chi-number", Validator::ChiNumber),
        ("hc-number", Validator::HcNumber),
        ("national-insurance-number", Validator::NationalInsuranceNumber),
        ("uk-postcode", Validator::UkPostcode),
        ("uk-phone", Validator::UkPhone),
        ("luhn", Validator::Luhn),
        ("date", Validator::Date),
    ];

    /// Looks a validator up by its rule-file name.
    pub fn from_name(name: &str) -> Option<Validator> {
        Validator::ALL.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
    }

    /// The rule-file name.
    pub fn name(self) -> &'static str {
        Validator::ALL.iter().find(|(_, v)| *v == self).map_or("", |(n, _)| n)
    }

    /// Whether `text` (the matched text) passes this validator.
    pub fn accepts(self, text: &str) -> bool {
        match self {
            Validator::NhsNumber => ten_digits(text).is_some_and(|d| nhs_number(&d)),
            Validator::Mod11 => ten_digits(text).is_some_and(|d| mod11_ok(&d) && !repdigit(&d)),
            Validator::ChiNumber => ten_digits(text).is_some_and(|d| chi_number(&d)),
            Validator::HcNumber => ten_digits(text).is_some_and(|d| hc_number(&d)),
            Validator::NationalInsuranceNumber => national_insurance_number(text),
            Validator::UkPostcode => uk_postcode(text),
            Validator::UkPhone => uk_phone(text),
            Validator::Luhn => luhn(text),
            Validator::Date => date(text),
        }
    }
}

/// The ten digits of `text`, ignoring spaces and hyphens; `None` for any other shape.
fn ten_digits(text: &str) -> Option<[u8; 10]> {
    let mut digits = [0u8; 10];
    let mut n = 0;
    for c in text.chars() {
        match c {
            '0'..='9' => {
                if n == 10 {
                    return None;
                }
                digits[n] = c as u8 - b'0';
                n += 1;
            }
            ' ' | '-' | '\u{a0}' => {}
            _ => return None,
        }
    }
    (n == 10).then_some(digits)
}

/// The NHS Data Dictionary modulus 11 check: weights 10..2, 11 → 0, 10 → invalid.
fn mod11_ok(d: &[u8; 10]) -> bool {
    let sum: u32 = d[..9]
        .iter()
        .zip((2..=10).rev())
        .map(|(&digit, w)| u32::from(digit) * w)
        .sum();
    let check = match 11 - sum % 11 {
        11 => 0,
        10 => return false,
        c => c,
    };
    check == u32::from(d[9])
}

fn base(d: &[u8; 10]) -> u32 {
    d[..9].iter().fold(0, |acc, &x| acc * 10 + u32::from(x))
}

fn repdigit(d: &[u8; 10]) -> bool {
    d.iter().all(|&x| x == d[0])
}

fn nhs_number(d: &[u8; 10]) -> bool {
    if !mod11_ok(d) || *d == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] {
        return false;
    }
    let first_three = base(d) / 1_000_000;
    let test_range = first_three == 999;
    if repdigit(d) && !test_range {
        return false;
    }
    matches!(first_three, 300..=319 | 400..=499 | 600..=799) || test_range
}

fn hc_number(d: &[u8; 10]) -> bool {
    mod11_ok(d) && (320_000_001..=399_999_999).contains(&base(d)) && !repdigit(d)
}

fn chi_number(d: &[u8; 10]) -> bool {
    let day = u32::from(d[0] * 10 + d[1]);
    let month = u32::from(d[2] * 10 + d[3]);
    let year = u32::from(d[4] * 10 + d[5]);
    // The century is not encoded; 2000 is a leap year, so 29/02/00 is allowed.
    mod11_ok(d) && !repdigit(d) && valid_day(day, month, 2000 + year)
}

fn national_insurance_number(text: &str) -> bool {
    let compact: Vec<char> = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if compact.len() != 9 {
        return false;
    }
    let (first, second) = (compact[0], compact[1]);
    let never = |c: char| matches!(c, 'D' | 'F' | 'I' | 'Q' | 'U' | 'V');
    let letters_ok =
        first.is_ascii_uppercase() && second.is_ascii_uppercase() && !never(first) && !never(second) && second != 'O';
    let prefix: String = compact[..2].iter().collect();
    let unallocated = matches!(prefix.as_str(), "BG" | "GB" | "KN" | "NK" | "NT" | "TN" | "ZZ");
    let digits_ok = compact[2..8].iter().all(char::is_ascii_digit);
    let suffix_ok = matches!(compact[8], 'A'..='D');
    letters_ok && !unallocated && digits_ok && suffix_ok
}

fn uk_postcode(text: &str) -> bool {
    let compact: Vec<char> = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if compact.len() < 5 || compact.len() > 7 {
        return false;
    }
    let (outward, inward) = compact.split_at(compact.len() - 3);
    let outward: String = outward.iter().collect();
    let inward_ok = inward[0].is_ascii_digit()
        && inward[1..]
            .iter()
            .all(|&c| c.is_ascii_uppercase() && !"CIKMOV".contains(c));
    if outward == "GIR" {
        return inward.iter().collect::<String>() == "0AA";
    }
    if outward == "ZZ99" {
        // NHS pseudo-postcodes (no fixed abode, not known, country codes): ZZ99 nXZ.
        return inward[0].is_ascii_digit() && inward[1].is_ascii_uppercase() && inward[2] == 'Z';
    }
    inward_ok && outward_ok(outward.as_bytes())
}

fn outward_ok(o: &[u8]) -> bool {
    let first_ok = |c: u8| c.is_ascii_uppercase() && !b"QVX".contains(&c);
    let second_letter_ok = |c: u8| c.is_ascii_uppercase() && !b"IJZ".contains(&c);
    let digit = |c: u8| c.is_ascii_digit();
    match *o {
        [a, d] => first_ok(a) && digit(d),
        [a, d, x] if digit(d) => first_ok(a) && (digit(x) || b"ABCDEFGHJKSTUW".contains(&x)),
        [a, b, d] => first_ok(a) && second_letter_ok(b) && digit(d),
        [a, b, d, x] => first_ok(a) && second_letter_ok(b) && digit(d) && (digit(x) || b"ABEHMNPRVWXY".contains(&x)),
        _ => false,
    }
}

fn uk_phone(text: &str) -> bool {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let national = if let Some(rest) = digits.strip_prefix("0044") {
        format!("0{}", rest.strip_prefix('0').unwrap_or(rest))
    } else if text.trim_start().starts_with('+') {
        match digits.strip_prefix("44") {
            Some(rest) => format!("0{}", rest.strip_prefix('0').unwrap_or(rest)),
            None => return false,
        }
    } else {
        digits
    };
    let length_ok = national.len() == 11 || (national.len() == 10 && national.starts_with("01"));
    length_ok && national.starts_with('0') && !drama_number(&national)
}

/// Ofcom's ranges reserved for drama, never allocated (guidance F6).
fn drama_number(n: &str) -> bool {
    const BLOCKS: &[&str] = &[
        "07700900",
        "01632960",
        "0208081570",
        "08081570",
        "0909879",
        "03069990",
        "02079460",
        "02920180",
        "02890496",
        "01914980",
    ];
    if BLOCKS.iter().any(|b| n.starts_with(b)) {
        return true;
    }
    // Most large cities: a block beginning 496 0 after a four-digit area code (0113 496 0xxx).
    n.len() == 11 && n.starts_with("01") && &n[4..8] == "4960"
}

fn luhn(text: &str) -> bool {
    let digits: Vec<u32> = text.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() < 12 || text.chars().any(|c| !(c.is_ascii_digit() || c == ' ' || c == '-')) {
        return false;
    }
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 1 {
                if d * 2 > 9 { d * 2 - 9 } else { d * 2 }
            } else {
                d
            }
        })
        .sum();
    sum % 10 == 0
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn date(text: &str) -> bool {
    let mut numbers: Vec<(u32, usize)> = Vec::new();
    let mut month_name = None;
    for token in text.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()) {
        let lower = token.to_lowercase();
        let digits = lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
            let Ok(value) = digits.parse::<u32>() else { return false };
            numbers.push((value, digits.len()));
        } else if lower.len() >= 3
            && let Some(m) = MONTHS.iter().position(|m| lower.starts_with(m))
        {
            month_name = Some(m as u32 + 1);
        }
    }
    let full_year = |(y, len): (u32, usize)| if len <= 2 { 1900 + y } else { y };
    match (month_name, numbers.as_slice()) {
        (Some(m), [(d, dl), y]) if *dl <= 2 => valid_day(*d, m, full_year(*y)),
        (Some(m), [y, (d, dl)]) if *dl <= 2 && y.1 == 4 => valid_day(*d, m, y.0),
        (Some(_), [(y, 4)]) => (1000..=2999).contains(y),
        (None, [(y, 4), (m, _), (d, _)]) => valid_day(*d, *m, *y),
        (None, [(d, _), (m, _), y]) => valid_day(*d, *m, full_year(*y)),
        _ => false,
    }
}

fn valid_day(day: u32, month: u32, year: u32) -> bool {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::Validator::*;

    #[test]
    fn nhs_numbers_from_the_guidance_worked_examples() {
        assert!(NhsNumber.accepts("401 023 2137"));
        assert!(NhsNumber.accepts("450-557-7104"));
        assert!(NhsNumber.accepts("6123456784"));
        assert!(NhsNumber.accepts("301 234 5671"), "England's 3xx range below 320");
        assert!(
            !NhsNumber.accepts("943 476 5919"),
            "checksum-valid but outside the issued ranges"
        );
        assert!(Mod11.accepts("943 476 5919"), "the checksum alone accepts it");
        assert!(!Mod11.accepts("943 476 5910"));
        assert!(NhsNumber.accepts("999 000 0018"), "test range is still reported");
        assert!(
            NhsNumber.accepts("999 999 9999"),
            "test-range repdigit is still reported"
        );
        assert!(
            !NhsNumber.accepts("987 654 4321"),
            "format example fails the check digit"
        );
        assert!(!NhsNumber.accepts("999 000 0000"), "check digit would be 10");
        assert!(!NhsNumber.accepts("943 476 5991"), "transposition");
        assert!(!NhsNumber.accepts("123 456 7890"));
        assert!(
            !NhsNumber.accepts("012 345 6789"),
            "placeholder passes mod 11 but is excluded"
        );
        assert!(!NhsNumber.accepts("444 444 4444"), "repdigit");
        assert!(!NhsNumber.accepts("320 000 0015"), "H&C range is not an NHS number");
        assert!(!NhsNumber.accepts("94347659190"), "eleven digits");
    }

    #[test]
    fn chi_and_hc_numbers() {
        assert!(ChiNumber.accepts("010 150 1234"));
        assert!(!ChiNumber.accepts("010 150 1235"));
        assert!(!ChiNumber.accepts("013 450 1234"), "month 34");
        assert!(HcNumber.accepts("320 000 0015"));
        assert!(!HcNumber.accepts("943 476 5919"));
    }

    #[test]
    fn national_insurance_numbers_follow_hmrc_letter_rules() {
        assert!(NationalInsuranceNumber.accepts("AB 12 34 56 C"));
        assert!(NationalInsuranceNumber.accepts("oa123456a"));
        for bad in [
            "QQ 12 34 56 A",
            "GB123456A",
            "TN123456A",
            "AO123456A",
            "DA123456A",
            "AB123456E",
        ] {
            assert!(!NationalInsuranceNumber.accepts(bad), "{bad}");
        }
    }

    #[test]
    fn postcodes_of_every_outward_shape() {
        for good in [
            "M1 1AA", "M60 1NW", "CR2 6XH", "DN55 1PT", "W1A 1HQ", "EC1A 1BB", "GIR 0AA", "ZZ99 3VZ", "ls6 2qt",
        ] {
            assert!(UkPostcode.accepts(good), "{good}");
        }
        for bad in ["QA1 1AA", "M1 1CA", "ZZ98 3VZ", "AB 1AA"] {
            assert!(!UkPostcode.accepts(bad), "{bad}");
        }
    }

    #[test]
    fn phones_skip_drama_ranges() {
        assert!(UkPhone.accepts("07911 123456"));
        assert!(UkPhone.accepts("+44 (0)7911 123456"));
        assert!(UkPhone.accepts("0161 555 0199"));
        assert!(!UkPhone.accepts("07700 900123"));
        assert!(!UkPhone.accepts("0113 496 0123"));
        assert!(!UkPhone.accepts("020 7946 0321"));
        assert!(!UkPhone.accepts("0791 123"));
    }

    #[test]
    fn luhn_and_dates() {
        assert!(Luhn.accepts("4539 1488 0343 6467"));
        assert!(!Luhn.accepts("4539 1488 0343 6468"));
        assert!(Date.accepts("29/02/2024"));
        assert!(!Date.accepts("29/02/2023"));
        assert!(Date.accepts("3rd March 1946"));
        assert!(Date.accepts("March 3, 1946"));
        assert!(Date.accepts("1946-03-03"));
        assert!(Date.accepts("14.3.41"));
        assert!(!Date.accepts("31/04/1990"));
        assert!(!Date.accepts("14/13/1990"));
    }
}
