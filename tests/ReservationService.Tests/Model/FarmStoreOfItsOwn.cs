using IceFarm.FarmData.Store;
using IceFarm.Testing;
using Marten;
using Xunit;

namespace IceFarm.ReservationService.Tests.Model;

/// <summary>The farm's Marten store (<c>FarmStore</c>'s configuration, no service) on a PostgreSQL database of its own, per test.</summary>
public abstract class FarmStoreOfItsOwn : IAsyncLifetime
{
    protected static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private IsolatedPostgres? _database;
    private DocumentStore? _store;

    protected DocumentStore Store => _store ?? throw new InvalidOperationException("The store is made in InitializeAsync.");

    public async Task InitializeAsync()
    {
        _database = await IsolatedPostgres.CreateAsync(await TestServers.GetAsync());
        _store = DocumentStore.For(options =>
        {
            options.Connection(_database.ConnectionString);
            options.ConfigureFarmStore();
        });
        await _store.Storage.ApplyAllConfiguredChangesToDatabaseAsync().WaitAsync(Deadline);
    }

    public async Task DisposeAsync()
    {
        _store?.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
