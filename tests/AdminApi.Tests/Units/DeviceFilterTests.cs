using IceFarm.AdminApi.Farm;
using IceFarm.Contracts.Devices;
using Xunit;

namespace IceFarm.AdminApi.Tests.Units;

public sealed class DeviceFilterTests
{
    [Theory]
    [InlineData("broken", DeviceState.Broken)]
    [InlineData("Available", DeviceState.Available)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void States_parse_case_insensitively_and_blank_means_any(string? state, DeviceState? expected)
    {
        var (filter, error) = DeviceFilter.Parse(" w1 ", state, "  ");
        Assert.Null(error);
        Assert.Equal(new DeviceFilter("w1", expected, null), filter);
    }

    [Theory]
    [InlineData("melted")]
    [InlineData("3")]
    public void Unknown_states_and_numbers_are_refused_naming_the_known_states(string state)
    {
        var (filter, error) = DeviceFilter.Parse(null, state, null);
        Assert.Null(filter);
        Assert.Contains("Available", error, StringComparison.Ordinal);
    }
}
