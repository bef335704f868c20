using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace IceFarm.ServiceDefaults.Options;

/// <summary>
/// A <see cref="TimeSpan"/> setting between two bounds, inclusive, written as <c>TimeSpan</c> strings ("00:01:00").
/// The bounds are parsed once, when the attribute is made, so it is immutable and safe to share: unlike
/// <c>[TimeSpanRange(…)]</c>, which converts its bounds in place at its first validation (see
/// <see cref="MustBeTrueAttribute"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class TimeSpanRangeAttribute(string minimum, string maximum) : ValidationAttribute("The field {0} must be between {1} and {2}.")
{
    public TimeSpan Minimum { get; } = TimeSpan.Parse(minimum, CultureInfo.InvariantCulture);

    public TimeSpan Maximum { get; } = TimeSpan.Parse(maximum, CultureInfo.InvariantCulture);

    public override bool IsValid(object? value) => value is TimeSpan span && span >= Minimum && span <= Maximum;

    public override string FormatErrorMessage(string name) =>
        string.Format(CultureInfo.CurrentCulture, ErrorMessageString, name, Minimum, Maximum);
}
