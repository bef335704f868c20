using System.Net;
using IceFarm.Testing;

namespace IceFarm.Broker.Tests;

/// <summary>
/// A RabbitMQ node of the tests' own (never the main broker) with a TLS listener whose certificate a test CA signed for
/// 127.0.0.1 and localhost, and that CA's certificate in a file, as <c>RabbitMq:Tls:CaCertificate</c> takes it. The node
/// and the files are removed afterwards, also when a test fails.
/// </summary>
public sealed class TlsBrokerNode : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("icefarm-tls-").FullName;
    private PrivateRabbitNode? _node;

    public PrivateRabbitNode Node => _node ?? throw new InvalidOperationException("The node is not started.");

    /// <summary>The test CA's certificate (PEM file): what a process trusts with <c>RabbitMq:Tls:CaCertificate</c>.</summary>
    public string CaFile => Path.Combine(_directory, "test-ca.pem");

    /// <summary><c>amqps://user:password@127.0.0.1:port/vhost</c> of the TLS listener.</summary>
    public string AmqpsUri => Node.AmqpsUri.ToString();

    public async Task InitializeAsync()
    {
        using var authority = TestCertificateAuthority.Create("IceFarm TLS test CA");
        await File.WriteAllTextAsync(CaFile, authority.CertificatePem);
        var certificate = authority.IssueServerCertificate(["localhost"], [IPAddress.Loopback]);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            _node = await PrivateRabbitNode.CreateWithTlsAsync(certificate, authority.CertificatePem, deadline.Token);
        }
        catch
        {
            // xunit does not dispose a fixture whose InitializeAsync threw.
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>The <c>ssl</c> column of every connection the node has (<c>rabbitmqctl list_connections ssl</c>).</summary>
    public async Task<IReadOnlyList<bool>> ConnectionsAreTlsAsync(CancellationToken ct)
    {
        var output = await Node.CtlAsync(["list_connections", "--no-table-headers", "ssl"], ct);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(bool.Parse)];
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_node is not null)
            {
                await _node.DisposeAsync();
            }
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
