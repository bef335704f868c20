using Microsoft.AspNetCore.Builder;

namespace IceFarm.Testing;

/// <summary>The service hosts one fixture started, kept in order so they stop the other way round.</summary>
public sealed class HostedApps
{
    private readonly List<WebApplication> _apps = [];

    /// <summary>The app started <paramref name="index"/>-th (0 is the first).</summary>
    public WebApplication this[int index] => _apps[index];

    /// <summary>Starts the app within <paramref name="timeout"/> and returns its address (see <see cref="WebApps.AddressOf"/>).</summary>
    public Task<Uri> StartAsync(WebApplication app, TimeSpan timeout)
    {
        // Kept before it starts, so that one which fails or times out starting is still stopped and disposed.
        _apps.Add(app);
        return WebApps.StartAsync(app, timeout);
    }

    /// <summary>
    /// Stops and disposes the apps, the last started first (a worker before the ReservationService it reports to); each
    /// gets <paramref name="deadline"/> of its own, or what <paramref name="deadlineOf"/> gives it.
    /// </summary>
    public async Task StopAllAsync(TimeSpan deadline, Func<WebApplication, TimeSpan?>? deadlineOf = null)
    {
        foreach (var app in Enumerable.Reverse(_apps))
        {
            await WebApps.StopAsync(app, deadlineOf?.Invoke(app) ?? deadline);
        }
    }
}
