using System.Net.Http.Json;
using IceFarm.Contracts.Http;
using Npgsql;
using Xunit;

namespace IceFarm.ReservationService.Tests.PostgresTls;

/// <summary>
/// The production database setting (chart: <c>postgres.sslMode: VerifyFull</c> and a CA file) against a real TLS server:
/// the service works, every one of its connections is TLS, and the same server is refused without the CA.
/// </summary>
// Starts a private server (and processes): with the other heavy tests, one at a time after the parallel phase.
[Trait("Category", "Restarts")]
public sealed class A_database_reached_with_VerifyFull(VerifiedDatabaseHost service) : IClassFixture<VerifiedDatabaseHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Serves_reservations_and_every_connection_of_the_service_is_TLS()
    {
        await service.AnnounceWorkerAsync("tls-db-worker", 1);
        var (http, _) = await service.NewClientAsync("tls-db");
        using (http)
        {
            using var reserve = await http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Amount: 1, Duration: "PT10M"))
                .WaitAsync(Deadline);
            Assert.True(reserve.IsSuccessStatusCode, await reserve.Content.ReadAsStringAsync());
        }

        await using var connection = new NpgsqlConnection(service.VerifiedConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(
            "SELECT count(*), count(*) FILTER (WHERE NOT s.ssl) FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid) " +
            "WHERE a.backend_type = 'client backend' AND a.pid <> pg_backend_pid()", connection);
        await using var reader = await query.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var (connections, plaintext) = (reader.GetInt64(0), reader.GetInt64(1));

        Assert.True(connections > 0, "the service holds no connection");
        Assert.Equal(0, plaintext);
    }

    [Fact]
    public async Task The_same_server_is_refused_without_the_CA()
    {
        var withoutCa = new NpgsqlConnectionStringBuilder(service.VerifiedConnectionString) { RootCertificate = null, Pooling = false };

        await using var connection = new NpgsqlConnection(withoutCa.ConnectionString);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => connection.OpenAsync());

        Assert.Contains("certificate", error.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}
