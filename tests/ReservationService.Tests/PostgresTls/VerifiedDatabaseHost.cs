using System.Net;
using IceFarm.Testing;
using Npgsql;

namespace IceFarm.ReservationService.Tests.PostgresTls;

/// <summary>
/// A ReservationService on a PostgreSQL cluster of its own that serves TLS with a test CA's certificate, connected as the
/// chart connects in production: <c>SSL Mode=VerifyFull</c> and <c>Root Certificate</c> the CA's file.
/// </summary>
public sealed class VerifiedDatabaseHost : ReservationServiceHost
{
    private readonly string _directory = Directory.CreateTempSubdirectory("icefarm-pgtls-").FullName;
    private PrivatePostgresCluster? _cluster;

    public PrivatePostgresCluster Cluster => _cluster!;

    public string CaFile => Path.Combine(_directory, "test-ca.pem");

    /// <summary>The service's connection string: the cluster's, verifying the server against the test CA.</summary>
    public string VerifiedConnectionString => new NpgsqlConnectionStringBuilder(Cluster.ConnectionString)
    {
        SslMode = SslMode.VerifyFull, RootCertificate = CaFile,
    }.ConnectionString;

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:Postgres"] = VerifiedConnectionString,
    };

    public override async Task InitializeAsync()
    {
        try
        {
            using var authority = TestCertificateAuthority.Create("IceFarm PostgreSQL test CA");
            await File.WriteAllTextAsync(CaFile, authority.CertificatePem);
            _cluster = await PrivatePostgresCluster.CreateAsync();
            await _cluster.EnableTlsAsync(authority.IssueServerCertificate(["localhost"], [IPAddress.Loopback]), CaFile);
            await base.InitializeAsync();
        }
        catch
        {
            // xunit does not dispose a fixture whose InitializeAsync threw: the cluster must not outlive the test.
            await DisposeAsync();
            throw;
        }
    }

    public override async Task DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            if (_cluster is not null)
            {
                await _cluster.DisposeAsync();
            }

            Directory.Delete(_directory, recursive: true);
        }
    }
}
