using Xunit;

namespace IceFarm.Testing.Farm;

/// <summary>
/// An xunit fixture around one <see cref="TestFarm"/>: a fixture says what its farm runs in <see cref="Build"/>, and reads
/// the farm's addresses and admin client from here.
/// </summary>
public abstract class TestFarmFixture : IAsyncLifetime
{
    private TestFarm? _farm;

    /// <summary>The running farm.</summary>
    public TestFarm Farm => _farm ?? throw new InvalidOperationException("The farm has not started");

    /// <summary>The bootstrap admin token.</summary>
    public string AdminToken => Farm.AdminToken;

    /// <summary>The ReservationService's address.</summary>
    public Uri ReservationServiceUri => Farm.ReservationServiceUri;

    /// <summary>The AdminApi's address.</summary>
    public Uri AdminApiUri => Farm.AdminApiUri;

    /// <summary>An HTTP client for the AdminApi with the admin token.</summary>
    public HttpClient Admin => Farm.Admin;

    /// <inheritdoc />
    public virtual async Task InitializeAsync() => _farm = await Build().StartAsync();

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        if (_farm is not null)
        {
            await _farm.DisposeAsync();
        }
    }

    /// <summary>What the farm runs.</summary>
    protected abstract TestFarmBuilder Build();
}
