using IceFarm.Testing;

namespace IceFarm.ReservationService.Tests.Outages;

/// <summary>A ReservationService on a PostgreSQL cluster of its own, which the tests stop, start and restart.</summary>
public sealed class PrivateDatabaseHost : ReservationServiceHost
{
    private PrivatePostgresCluster? _cluster;

    public PrivatePostgresCluster Cluster => _cluster!;

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:Postgres"] = _cluster!.ConnectionString,
        ["DatabaseOutage:RetryAfter"] = "00:00:03",
    };

    public override async Task InitializeAsync()
    {
        _cluster = await PrivatePostgresCluster.CreateAsync();
        await base.InitializeAsync();
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
        }
    }
}
