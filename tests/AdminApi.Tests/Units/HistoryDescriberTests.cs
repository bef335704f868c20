using IceFarm.AdminApi.History;
using IceFarm.FarmData.Drain;
using Xunit;

namespace IceFarm.AdminApi.Tests.Units;

public sealed class HistoryDescriberTests
{
    [Fact]
    public void An_event_it_does_not_know_is_described_from_its_properties_not_as_json()
    {
        var text = HistoryDescriber.Describe(new BoardRecalibrated("S1", "alice", TimeSpan.FromMinutes(1), ["a", "b"], null, DateTimeOffset.UnixEpoch));
        Assert.Equal("Board recalibrated (by: alice, took: 00:01:00, steps: a b)", text);
    }

    [Theory]
    [InlineData("DeviceStateRecorded", "Device state recorded")]
    [InlineData("WorkerBeganDraining", "Worker began draining")]
    [InlineData("Reboot", "Reboot")]
    public void Type_names_read_as_words(string type, string title) => Assert.Equal(title, HistoryDescriber.Title(type));

    private sealed record BoardRecalibrated(string Serial, string By, TimeSpan Took, string[] Steps, string? Note, DateTimeOffset At);
}
