using Microsoft.AspNetCore.Builder;

namespace IceFarm.ReservationService.Tests;

/// <summary>Another running ReservationService on the same database and vhost; disposing stops it.</summary>
internal sealed class ServiceReplica(WebApplication app, Uri baseAddress) : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public Uri BaseAddress { get; } = baseAddress;

    public IServiceProvider Services => app.Services;

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(Deadline);
        await app.StopAsync(stop.Token);
        await app.DisposeAsync();
    }
}
