using System.ComponentModel.DataAnnotations;
using IceFarm.ServiceDefaults.Options;
using Xunit;

namespace IceFarm.ReservationService.Tests;

/// <summary>
/// The options' validation attributes that replaced <c>[Range(typeof(…), "…", "…")]</c>: the same answers, and nothing
/// to go wrong when hosts in one process validate at once (the old attribute converted its bounds in place, and a
/// second host's validation could read one half converted: an <c>InvalidCastException</c> at start-up).
/// </summary>
public sealed class When_options_are_validated_by_several_hosts_at_once
{
    [Fact]
    public void Time_spans_are_checked_against_their_bounds_inclusive_and_the_message_names_them()
    {
        var range = new TimeSpanRangeAttribute("00:01:00", "1.00:00:00");

        Assert.True(range.IsValid(TimeSpan.FromMinutes(1)));
        Assert.True(range.IsValid(TimeSpan.FromDays(1)));
        Assert.False(range.IsValid(TimeSpan.FromSeconds(59)));
        Assert.False(range.IsValid(TimeSpan.FromDays(1) + TimeSpan.FromTicks(1)));
        Assert.False(range.IsValid("00:02:00"));
        Assert.Equal("The field MaxWait must be between 00:01:00 and 1.00:00:00.", range.FormatErrorMessage("MaxWait"));
    }

    [Fact]
    public void A_check_of_several_settings_is_valid_only_when_true()
    {
        var check = new MustBeTrueAttribute { ErrorMessage = "Bounds must be positive." };

        Assert.True(check.IsValid(true));
        Assert.False(check.IsValid(false));
        Assert.False(check.IsValid(null));
        Assert.Equal("Bounds must be positive.", check.FormatErrorMessage("BoundsValid"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Many_validations_at_once_of_fresh_option_types_all_agree()
    {
        // A type of its own, so its attributes are first converted here, by all of these at once.
        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() =>
        {
            var options = new Probe { Span = TimeSpan.FromSeconds(i % 2 == 0 ? 30 : 300), Consistent = i % 3 != 0 };
            var errors = new List<ValidationResult>();
            return (i, Valid: Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true));
        })));

        Assert.All(results, r => Assert.Equal(r.i % 2 == 0 && r.i % 3 != 0, r.Valid));
    }

    private sealed class Probe
    {
        [TimeSpanRange("00:00:01", "00:01:00")]
        public TimeSpan Span { get; init; }

        [MustBeTrue(ErrorMessage = "Probe: inconsistent.")]
        public bool Consistent { get; init; }
    }
}
