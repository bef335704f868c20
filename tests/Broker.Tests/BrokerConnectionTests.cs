using IceFarm.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IceFarm.Broker.Tests;

/// <summary>The broker settings a host checks at start (<see cref="BrokerConnectionRegistration.AddBrokerConnection"/>).</summary>
public sealed class BrokerConnectionTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("icefarm-broker-tests-").FullName;

    [Fact]
    public async Task A_host_with_valid_settings_starts_and_has_its_broker()
    {
        var ca = WriteCa();

        using var host = Build(("ConnectionStrings:RabbitMq", "amqps://u:p@broker.example/icefarm"), ("RabbitMq:Tls:CaCertificate", ca));
        await host.StartAsync();

        var connection = host.Services.GetRequiredService<BrokerConnection>();
        Assert.Equal(new RabbitMqAddress("broker.example", 5671, "icefarm", "u", "p", UseTls: true), connection.Address);
        await host.StopAsync();
    }

    [Theory]
    [InlineData("ftp://u:p@broker/v", null, null, "scheme 'ftp'")]
    [InlineData(null, null, null, "ConnectionStrings:RabbitMq is not set")]
    [InlineData("amqps://u:p@broker/v", "AcceptAnyCertificate", "true", "RabbitMq:Tls:AcceptAnyCertificate is not a setting")]
    [InlineData("amqps://u:p@broker/v", "Verify", "false", "RabbitMq:Tls:Verify is not a setting")]
    [InlineData("amqps://u:p@broker/v", "CaCertificate", "/nonexistent/ca.pem", "/nonexistent/ca.pem could not be read")]
    public async Task A_host_with_a_setting_it_cannot_honour_does_not_start(string? uri, string? tlsKey, string? tlsValue, string message)
    {
        using var host = Build(("ConnectionStrings:RabbitMq", uri), (tlsKey is null ? "Unrelated" : $"RabbitMq:Tls:{tlsKey}", tlsValue));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_private_ca_with_a_plaintext_address_is_refused()
    {
        var ca = WriteCa();

        var error = Assert.Throws<InvalidOperationException>(() => BrokerConnection.Create("amqp://u:p@broker/v", ca));

        Assert.Contains("is amqp:// (plaintext)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ca_file_without_a_certificate_is_refused()
    {
        var file = Path.Combine(_directory, "empty.pem");
        File.WriteAllText(file, "-----BEGIN NOTHING-----\nAAAA\n-----END NOTHING-----\n");

        var error = Assert.Throws<InvalidOperationException>(() => BrokerConnection.Create("amqps://u:p@broker/v", file));

        Assert.Contains("holds no certificate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var options = new BrokerConnectionOptions { Uri = "amqpx://broker", CaCertificate = "/nonexistent", UnknownTlsSettings = ["Insecure"] };

        Assert.False(BrokerConnection.TryCreate(options, out _, out var errors));

        Assert.Equal(3, errors.Count);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string WriteCa()
    {
        using var authority = TestCertificateAuthority.Create("IceFarm options test CA");
        var file = Path.Combine(_directory, "ca.pem");
        File.WriteAllText(file, authority.CertificatePem);
        return file;
    }

    private static IHost Build(params (string Key, string? Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.Services.AddBrokerConnection();
        return builder.Build();
    }
}
