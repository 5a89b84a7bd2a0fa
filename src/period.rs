//! Reporting periods (calendar quarters) and calendar dates, the two time values of the
//! content format.
//!
//! A period is written `YYYY-Qn`; where a period is expected a date `YYYY-MM-DD` is accepted
//! too and means the quarter it falls in. URLs use the lower-case form `2025-q3`.

use std::fmt;

use jiff::civil::Date;

/// A calendar quarter, such as 2025-Q3. Periods order by time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    year: i16,
    quarter: u8,
}

/// Why a text is not a period or a date; worded for the publisher by the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimeError {
    /// Not shaped like `YYYY-Qn` nor `YYYY-MM-DD`.
    Shape,
    /// Shaped like a period but the quarter is not 1 to 4.
    Quarter,
    /// Shaped like a date but no such day exists.
    Day,
}

impl Period {
    /// The quarter `quarter` (1..=4) of `year`, or `None` when out of range.
    pub fn new(year: i16, quarter: u8) -> Option<Period> {
        ((1..=4).contains(&quarter) && (1..=9999).contains(&year))
            .then_some(Period { year, quarter })
    }

    /// Reads `YYYY-Qn` (either case of `Q`) or a date `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Period, TimeError> {
        let text = text.trim();
        let bytes = text.as_bytes();
        if bytes.len() == 7 && bytes[4] == b'-' && matches!(bytes[5], b'Q' | b'q') {
            let year = parse_digits(&text[..4]).ok_or(TimeError::Shape)?;
            let quarter = parse_digits(&text[6..]).ok_or(TimeError::Shape)?;
            let year = i16::try_from(year).map_err(|_| TimeError::Shape)?;
            let quarter = u8::try_from(quarter).map_err(|_| TimeError::Quarter)?;
            return Period::new(year, quarter).ok_or(TimeError::Quarter);
        }
        parse_date(text).map(Period::of_date)
    }

    /// The quarter a day falls in.
    pub fn of_date(date: Date) -> Period {
        Period {
            year: date.year(),
            quarter: (date.month() as u8 - 1) / 3 + 1,
        }
    }

    /// The year.
    pub fn year(self) -> i16 {
        self.year
    }

    /// The quarter, 1 to 4.
    pub fn quarter(self) -> u8 {
        self.quarter
    }

    /// Quarters since year 0: the difference of two ordinals counts quarters between them.
    pub fn ordinal(self) -> i32 {
        i32::from(self.year) * 4 + i32::from(self.quarter) - 1
    }

    /// The period before this one.
    pub fn previous(self) -> Option<Period> {
        Period::from_ordinal(self.ordinal() - 1)
    }

    /// The period after this one.
    pub fn next(self) -> Option<Period> {
        Period::from_ordinal(self.ordinal() + 1)
    }

    fn from_ordinal(ordinal: i32) -> Option<Period> {
        let year = i16::try_from(ordinal.div_euclid(4)).ok()?;
        Period::new(year, (ordinal.rem_euclid(4) + 1) as u8)
    }

    /// The lower-case form used in URLs and file names: `2025-q3`.
    pub fn slug(self) -> String {
        format!("{:04}-q{}", self.year, self.quarter)
    }

    /// The first day of the quarter.
    pub fn first_day(self) -> Date {
        Date::new(self.year, (self.quarter as i8 - 1) * 3 + 1, 1).expect("quarter start exists")
    }

    /// The last day of the quarter.
    pub fn last_day(self) -> Date {
        let month = self.quarter as i8 * 3;
        let first = Date::new(self.year, month, 1).expect("month start exists");
        first.last_of_month()
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-Q{}", self.year, self.quarter)
    }
}

/// Reads a date written `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Result<Date, TimeError> {
    let text = text.trim();
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shaped {
        return Err(TimeError::Shape);
    }
    let field = |range: std::ops::Range<usize>| parse_digits(&text[range]).ok_or(TimeError::Shape);
    let year = i16::try_from(field(0..4)?).map_err(|_| TimeError::Day)?;
    // Year 0 is a valid proleptic day but no period: keep dates within the years periods have.
    if year == 0 {
        return Err(TimeError::Day);
    }
    let month = i8::try_from(field(5..7)?).map_err(|_| TimeError::Day)?;
    let day = i8::try_from(field(8..10)?).map_err(|_| TimeError::Day)?;
    Date::new(year, month, day).map_err(|_| TimeError::Day)
}

fn parse_digits(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_periods_in_either_case() {
        assert_eq!(Period::parse("2025-Q3"), Ok(Period::new(2025, 3).unwrap()));
        assert_eq!(Period::parse("2025-q1").unwrap().to_string(), "2025-Q1");
    }

    #[test]
    fn a_date_means_its_quarter() {
        assert_eq!(
            Period::parse("2025-11-02"),
            Ok(Period::new(2025, 4).unwrap())
        );
        assert_eq!(
            Period::parse("2025-03-31"),
            Ok(Period::new(2025, 1).unwrap())
        );
    }

    #[test]
    fn rejects_bad_quarters_days_and_shapes() {
        assert_eq!(Period::parse("2025-Q5"), Err(TimeError::Quarter));
        assert_eq!(Period::parse("2025-Q0"), Err(TimeError::Quarter));
        assert_eq!(Period::parse("2025-02-30"), Err(TimeError::Day));
        assert_eq!(Period::parse("0000-01-02"), Err(TimeError::Day));
        assert_eq!(Period::parse("Q3 2025"), Err(TimeError::Shape));
        assert_eq!(Period::parse("2025-3"), Err(TimeError::Shape));
    }

    #[test]
    fn steps_across_years() {
        let q4 = Period::new(2024, 4).unwrap();
        assert_eq!(q4.next(), Period::new(2025, 1));
        assert_eq!(Period::new(2025, 1).unwrap().previous(), Some(q4));
        assert_eq!(Period::new(2026, 4).unwrap().ordinal() - q4.ordinal(), 8);
    }

    #[test]
    fn slugs_and_days() {
        let p = Period::new(2025, 3).unwrap();
        assert_eq!(p.slug(), "2025-q3");
        assert_eq!(p.first_day().to_string(), "2025-07-01");
        assert_eq!(p.last_day().to_string(), "2025-09-30");
    }
}
