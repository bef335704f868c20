using IceFarm.AdminApi.Farm;
using IceFarm.AdminApi.Panel.Live;
using IceFarm.Contracts.Devices;
using Xunit;

namespace IceFarm.AdminApi.Tests.Units;

public sealed class PanelQueryTests
{
    [Theory]
    [InlineData("3", 3)]
    [InlineData("0", 1)]
    [InlineData("-2", 1)]
    [InlineData("two", 1)]
    [InlineData(null, 1)]
    public void Anything_but_a_positive_page_number_is_the_first_page(string? page, int expected) =>
        Assert.Equal(expected, PanelQuery.ParsePage(page));

    [Fact]
    public void Page_links_keep_the_filters_and_escape_them()
    {
        var query = new PanelQuery(new DeviceFilter("rack a", DeviceState.Broken, "bob&co"), null, null, 2);
        Assert.Equal("/devices?worker=rack%20a&state=Broken&client=bob%26co&page=3", query.DevicesUrl(3));
        Assert.Equal("/devices?worker=rack%20a&state=Broken&client=bob%26co", query.DevicesUrl(1));
        Assert.Equal("/devices", new PanelQuery(DeviceFilter.None, null, null).DevicesUrl(1));
    }
}
