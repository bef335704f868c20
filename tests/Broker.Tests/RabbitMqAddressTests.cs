namespace IceFarm.Broker.Tests;

/// <summary>The one parser of <c>ConnectionStrings:RabbitMq</c> that every process uses.</summary>
public sealed class RabbitMqAddressTests
{
    [Fact]
    public void A_full_amqp_uri_gives_host_port_vhost_and_credentials_without_tls()
    {
        var address = RabbitMqAddress.Parse("amqp://icefarm:s%40cret@127.0.0.1:5673/icefarm");

        Assert.Equal(new RabbitMqAddress("127.0.0.1", 5673, "icefarm", "icefarm", "s@cret", UseTls: false), address);
    }

    [Theory]
    [InlineData("amqp://u:p@broker.example", false, 5672)]
    [InlineData("amqp://u:p@broker.example:5680/v", false, 5680)]
    [InlineData("amqps://u:p@broker.example", true, 5671)]
    [InlineData("amqps://u:p@broker.example/v", true, 5671)]
    [InlineData("AMQPS://u:p@broker.example:5681/v", true, 5681)]
    [InlineData("amqps://u:p@broker.example:5672/v", true, 5672)]
    public void The_scheme_chooses_tls_and_the_default_port(string uri, bool tls, int port)
    {
        var address = RabbitMqAddress.Parse(uri);

        Assert.Equal(tls, address.UseTls);
        Assert.Equal(port, address.Port);
        Assert.Equal("broker.example", address.Host);
    }

    [Theory]
    [InlineData("amqp://guest:guest@localhost", "/")]
    [InlineData("amqp://guest:guest@localhost/", "/")]
    [InlineData("amqp://guest:guest@localhost/%2F", "/")]
    [InlineData("amqp://guest:guest@localhost/icefarm", "icefarm")]
    [InlineData("amqps://guest:guest@localhost/test%2Dvhost", "test-vhost")]
    [InlineData("amqps://guest:guest@localhost/a%2Fb", "a/b")]
    public void The_path_is_the_url_decoded_virtual_host(string uri, string virtualHost) =>
        Assert.Equal(virtualHost, RabbitMqAddress.Parse(uri).VirtualHost);

    [Theory]
    [InlineData("amqp://broker", "guest", "guest")]
    [InlineData("amqp://alice@broker", "alice", "")]
    [InlineData("amqp://alice:p%3Aw%2Fd@broker", "alice", "p:w/d")]
    public void Credentials_come_from_the_user_info(string uri, string user, string password)
    {
        var address = RabbitMqAddress.Parse(uri);

        Assert.Equal(user, address.Username);
        Assert.Equal(password, address.Password);
    }

    [Theory]
    [InlineData(null, "is not set")]
    [InlineData("", "is not set")]
    [InlineData("not a uri", "is not a URI")]
    [InlineData("http://u:s3cret@broker:5672/v", "scheme 'http'")]
    [InlineData("amqpss://u:s3cret@broker/v", "scheme 'amqpss'")]
    [InlineData("rabbitmq://u:s3cret@broker/v", "scheme 'rabbitmq'")]
    [InlineData("amqp://u:s3cret@broker:0/v", "port 0")]
    [InlineData("amqp://u:s3cret@broker:5671/v", "write amqps://")]
    [InlineData("amqps://u:s3cret@broker/v?verify=verify_none", "query parameters")]
    [InlineData("amqps://u:s3cret@broker/v#x", "query parameters")]
    [InlineData("amqp://u:s3cret@broker/a/b", "more than one segment")]
    public void Anything_else_is_refused_with_what_is_wrong_and_never_the_password(string? value, string reason)
    {
        var error = Assert.Throws<FormatException>(() => RabbitMqAddress.Parse(value));

        Assert.Contains("ConnectionStrings:RabbitMq", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_leaves_the_password_out()
    {
        var text = RabbitMqAddress.Parse("amqps://u:s3cret@h/v").ToString();

        Assert.Equal("amqps://u@h:5671/v", text);
    }
}
