//! Fixed-point text of a number (`12.3457`) with integer formatting only.
//!
//! `format!("{x:.4}")` links core's float formatting (grisu, dragon, bignums: ≈ 12 KB raw), which the photo step's
//! crop placement and zoom slider would then carry into every page that shows the step (the application's photo
//! route, the phone's page, the space's new photo): a CSS percentage and a range value need no more than this.

/// `x` rounded to `decimals` places (at most 9), as `format!("{x:.decimals$}")` writes it for the values the crop
/// uses (finite, below 10^9 in size); a tie may round the other way in the last place.
pub fn fixed(x: f64, decimals: u32) -> String {
    let scale = 10_i64.pow(decimals.min(9));
    let scaled = (x * scale as f64).round() as i64;
    let sign = if scaled < 0 || (scaled == 0 && x.is_sign_negative() && x != 0.0) { "-" } else { "" };
    let (int, frac) = (scaled.unsigned_abs() / scale.unsigned_abs(), scaled.unsigned_abs() % scale.unsigned_abs());
    if decimals == 0 {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{frac:0width$}", width = decimals.min(9) as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::fixed;

    #[test]
    fn writes_what_std_writes() {
        let table: &[(f64, u32)] = &[
            (0.0, 4),
            (1.0, 3),
            (12.345_678, 4),
            (-12.345_678, 4),
            (100.0, 4),
            (3.141_592_653_5, 3),
            (0.000_04, 4),
            (-0.000_04, 4),
            (-0.3, 4),
            (99.999_99, 4),
            (1_234_567.891, 3),
            (-7.0, 0),
        ];
        for &(x, d) in table {
            assert_eq!(fixed(x, d), format!("{x:.prec$}", prec = d as usize), "{x} to {d} places");
        }
    }
}
