using IceFarm.WorkerAgent.Bus;

namespace IceFarm.WorkerAgent.Tests.Bus;

public sealed class RabbitMqAddressTests
{
    [Fact]
    public void FullUri_GivesHostPortVirtualHostAndCredentials()
    {
        var address = RabbitMqAddress.Parse("amqp://icefarm:s%40cret@127.0.0.1:5673/icefarm");

        Assert.Equal(new RabbitMqAddress("127.0.0.1", 5673, "icefarm", "icefarm", "s@cret", false), address);
    }

    [Theory]
    [InlineData("amqp://guest:guest@localhost", "/")]
    [InlineData("amqp://guest:guest@localhost/", "/")]
    [InlineData("amqp://guest:guest@localhost/%2F", "/")]
    [InlineData("amqp://guest:guest@localhost/test%2Dvhost", "test-vhost")]
    public void Path_IsTheUrlDecodedVirtualHost(string uri, string virtualHost)
    {
        var address = RabbitMqAddress.Parse(uri);

        Assert.Equal(virtualHost, address.VirtualHost);
        Assert.Equal(5672, address.Port);
    }

    [Fact]
    public void Amqps_DefaultsToTheTlsPort()
    {
        var address = RabbitMqAddress.Parse("amqps://u:p@broker.example");

        Assert.True(address.UseTls);
        Assert.Equal(5671, address.Port);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("http://localhost")]
    [InlineData("not a uri")]
    public void NonAmqp_IsRejectedWithWhatIsExpected(string? value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => RabbitMqAddress.Parse(value));

        Assert.Contains("ConnectionStrings:RabbitMq", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_LeavesThePasswordOut()
        => Assert.DoesNotContain("s3cret", RabbitMqAddress.Parse("amqp://u:s3cret@h/v").ToString(), StringComparison.Ordinal);
}
