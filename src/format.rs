//! Formatting of numbers, money, percentages, dates and periods for readers.
//!
//! Every figure the site shows passes through this module, so that the wording of numbers can
//! later follow the site's language in one place. Templates reach the same functions through
//! the filters registered in `render::templates`.

use jiff::civil::Date;

use crate::period::Period;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A plain number with thousands separators and at most the decimals that matter:
/// `40000` reads `40,000`, `0.0425` reads `0.043`, `12.50` reads `12.5`.
pub fn number(value: f64) -> String {
    if !value.is_finite() {
        return "–".to_string();
    }
    let decimals = if value.abs() >= 100.0 {
        1
    } else if value.abs() >= 1.0 || value == 0.0 {
        2
    } else {
        3
    };
    let fixed = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let fraction = fraction.trim_end_matches('0');
    let mut text = String::with_capacity(fixed.len() + 4);
    if value < 0.0 && fixed.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        text.push('−');
    }
    text.push_str(&group_thousands(whole));
    if !fraction.is_empty() {
        text.push('.');
        text.push_str(fraction);
    }
    text
}

fn group_thousands(digits: &str) -> String {
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// A change between two values, always signed: `+3`, `−2.5`, `0`.
pub fn signed(value: f64) -> String {
    if value > 0.0 {
        format!("+{}", number(value))
    } else {
        number(value)
    }
}

/// The symbol written before an amount in `currency`, or `None` to write the code after it.
fn currency_symbol(currency: &str) -> Option<&'static str> {
    match currency {
        "USD" => Some("$"),
        "EUR" => Some("€"),
        "GBP" => Some("£"),
        "JPY" => Some("¥"),
        _ => None,
    }
}

fn with_currency(amount: String, currency: &str) -> String {
    match currency_symbol(currency) {
        Some(symbol) => format!("{symbol}{amount}"),
        None => format!("{amount} {currency}"),
    }
}

/// An exact amount of money: `$25,000,000`.
pub fn money(value: f64, currency: &str) -> String {
    let amount = if value.fract() == 0.0 {
        group_thousands(&format!("{:.0}", value.abs()))
    } else {
        let fixed = format!("{:.2}", value.abs());
        let (whole, cents) = fixed.split_once('.').unwrap_or((&fixed, "00"));
        format!("{}.{cents}", group_thousands(whole))
    };
    let sign = if value < 0.0 { "−" } else { "" };
    format!("{sign}{}", with_currency(amount, currency))
}

/// An amount of money abbreviated for charts and cards: `$1.2B`, `$300M`, `$45K`.
pub fn money_short(value: f64, currency: &str) -> String {
    let magnitude = value.abs();
    let (scaled, suffix) = if magnitude >= 1e9 {
        (magnitude / 1e9, "B")
    } else if magnitude >= 1e6 {
        (magnitude / 1e6, "M")
    } else if magnitude >= 1e3 {
        (magnitude / 1e3, "K")
    } else {
        (magnitude, "")
    };
    let digits = if scaled >= 100.0 || scaled.fract() == 0.0 {
        format!("{scaled:.0}")
    } else {
        let fixed = format!("{scaled:.1}");
        fixed.trim_end_matches(".0").to_string()
    };
    let sign = if value < 0.0 { "−" } else { "" };
    format!(
        "{sign}{}",
        with_currency(format!("{digits}{suffix}"), currency)
    )
}

/// A number abbreviated for chart axes: `1.2M`, `300K`, `−45K`; small numbers as [`number`].
pub fn compact(value: f64) -> String {
    let magnitude = value.abs();
    let (scaled, suffix) = if magnitude >= 1e9 {
        (value / 1e9, "B")
    } else if magnitude >= 1e6 {
        (value / 1e6, "M")
    } else if magnitude >= 1e4 {
        (value / 1e3, "K")
    } else {
        return number(value);
    };
    format!("{}{suffix}", number((scaled * 10.0).round() / 10.0))
}

/// A share written as a percentage with no decimals: `0.684` reads `68%`.
pub fn share(fraction: f64) -> String {
    format!("{}%", number((fraction * 100.0).round()))
}

/// A value in its unit: `41%`, `$1,200`, `40,000 people`, `0.043 USD/kWh`.
pub fn quantity(value: f64, unit: &str, currency: &str) -> String {
    match unit.trim() {
        "%" => format!("{}%", number(value)),
        "" | "count" | "number" => number(value),
        unit if unit == currency => money(value, currency),
        unit => format!("{} {unit}", number(value)),
    }
}

/// A change in a unit: `+3 points` for percentages, else the signed number and unit.
pub fn quantity_change(change: f64, unit: &str, currency: &str) -> String {
    match unit.trim() {
        "%" => format!("{} pts", signed(change)),
        "" | "count" | "number" => signed(change),
        unit if unit == currency => {
            let sign = if change > 0.0 { "+" } else { "" };
            format!("{sign}{}", money(change, currency))
        }
        unit => format!("{} {unit}", signed(change)),
    }
}

/// A day as readers write it: `18 July 2025`.
pub fn date(day: Date) -> String {
    format!(
        "{} {} {}",
        day.day(),
        MONTHS[day.month() as usize - 1],
        day.year()
    )
}

/// A period as readers write it: `2025-Q3`.
pub fn period(period: Period) -> String {
    period.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_thousands_separators_and_few_decimals() {
        assert_eq!(number(40000.0), "40,000");
        assert_eq!(number(1234567.0), "1,234,567");
        assert_eq!(number(12.5), "12.5");
        assert_eq!(number(0.0425), "0.043");
        assert_eq!(number(-3.0), "−3");
        assert_eq!(number(-0.0001), "0");
        assert_eq!(number(0.0), "0");
    }

    #[test]
    fn money_is_exact_or_abbreviated() {
        assert_eq!(money(25_000_000.0, "USD"), "$25,000,000");
        assert_eq!(money(1_500.5, "EUR"), "€1,500.50");
        assert_eq!(money(10.0, "CHF"), "10 CHF");
        assert_eq!(money_short(1_200_000_000.0, "USD"), "$1.2B");
        assert_eq!(money_short(300_000_000.0, "USD"), "$300M");
        assert_eq!(money_short(1_000_000_000.0, "USD"), "$1B");
        assert_eq!(money_short(45_000.0, "USD"), "$45K");
        assert_eq!(money_short(0.0, "USD"), "$0");
        assert_eq!(compact(123_456_789.0), "123.5M");
        assert_eq!(compact(-45_000.0), "−45K");
        assert_eq!(compact(2_500.0), "2,500");
    }

    #[test]
    fn quantities_carry_their_unit() {
        assert_eq!(quantity(41.0, "%", "USD"), "41%");
        assert_eq!(quantity(40000.0, "people", "USD"), "40,000 people");
        assert_eq!(quantity(3.0, "count", "USD"), "3");
        assert_eq!(quantity(1200.0, "USD", "USD"), "$1,200");
        assert_eq!(quantity_change(3.0, "%", "USD"), "+3 pts");
        assert_eq!(quantity_change(-2.0, "people", "USD"), "−2 people");
    }

    #[test]
    fn dates_read_naturally() {
        assert_eq!(date(Date::new(2025, 7, 18).unwrap()), "18 July 2025");
        assert_eq!(share(0.684), "68%");
    }
}
