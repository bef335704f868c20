using IceFarm.ReservationService.Evaluations;
using Xunit;

namespace IceFarm.ReservationService.Tests;

/// <summary>Any replica reads the submission time of an evaluation from its id (for the latency histogram).</summary>
public sealed class EvaluationIdsTests
{
    [Theory]
    [InlineData("2026-12-03T18:59:07.123+00:00")]
    [InlineData("1999-01-01T00:00:00.000+00:00")]
    [InlineData("2100-06-30T23:59:59.999+00:00")]
    public void The_submission_time_comes_back_from_the_id_to_the_millisecond(string at)
    {
        var submitted = DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture).AddTicks(4_321);
        Assert.Equal(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture), EvaluationIds.SubmittedAt(EvaluationIds.Create(submitted)));
    }

    [Fact]
    public void An_id_that_is_not_version_7_has_no_submission_time() => Assert.Null(EvaluationIds.SubmittedAt(Guid.NewGuid()));
}
