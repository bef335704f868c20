using System.ComponentModel.DataAnnotations;

namespace IceFarm.ServiceDefaults.Options;

/// <summary>
/// On an options class's computed <c>bool</c> property that checks several settings together: valid when it is true, and
/// then <see cref="ValidationAttribute.ErrorMessage"/> says what is wrong. It replaces <c>[Range(typeof(bool), "true",
/// "true")]</c>, whose first validation converts its bounds in place: DataAnnotations shares attribute instances across
/// the process, so two hosts validating at once (tests start several) could read a bound half converted.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class MustBeTrueAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) => value is true;
}
