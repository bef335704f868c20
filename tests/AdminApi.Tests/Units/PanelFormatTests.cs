using IceFarm.AdminApi.Panel.Components;
using Xunit;

namespace IceFarm.AdminApi.Tests.Units;

public sealed class PanelFormatTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(5, "5 s")]
    [InlineData(125, "2 min 05 s")]
    [InlineData(3 * 3600 + 60 * 7, "3 h 07 min")]
    [InlineData(3 * 86400 + 3600, "3 d 1 h")]
    public void Time_left_reads_in_the_largest_useful_units(int seconds, string expected) =>
        Assert.Equal(expected, PanelFormat.Left(Now, Now.AddSeconds(seconds)));

    [Fact]
    public void A_past_expiry_says_expired_and_no_expiry_says_nothing()
    {
        Assert.Equal("expired", PanelFormat.Left(Now, Now.AddSeconds(-1)));
        Assert.Equal("", PanelFormat.Left(Now, null));
        Assert.Equal("never", PanelFormat.Ago(Now, null));
    }

    [Fact]
    public void Short_ids_are_the_last_digits_because_time_ordered_ids_share_their_first()
    {
        var first = Guid.CreateVersion7(Now);
        var second = Guid.CreateVersion7(Now);
        Assert.NotEqual(PanelFormat.Short(first), PanelFormat.Short(second));
    }
}
