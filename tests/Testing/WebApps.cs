using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IceFarm.Testing;

/// <summary>Starting and stopping one real service host in a test, on the port the OS gave it.</summary>
public static class WebApps
{
    /// <summary>Adds <paramref name="settings"/> to a host's configuration, as the apps' Build(args, configure) take it.</summary>
    public static Action<WebApplicationBuilder> Configure(IEnumerable<KeyValuePair<string, string?>> settings) =>
        builder => builder.Configuration.AddInMemoryCollection(settings);

    /// <summary>Starts the app within <paramref name="timeout"/> and returns the address it listens on.</summary>
    public static async Task<Uri> StartAsync(WebApplication app, TimeSpan timeout)
    {
        await app.StartAsync().WaitAsync(timeout);
        return AddressOf(app);
    }

    /// <summary>
    /// The first address the started server listens on: with Urls on port 0 only the server knows the port. It ends in
    /// '/' so that relative request paths are appended to it rather than replace its last segment.
    /// </summary>
    public static Uri AddressOf(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.EndsWith('/') ? address : address + "/");
    }

    /// <summary>Stops the app, giving its hosted services <paramref name="deadline"/> to finish, then disposes it.</summary>
    public static async Task StopAsync(WebApplication app, TimeSpan deadline)
    {
        using (var stop = new CancellationTokenSource(deadline))
        {
            await app.StopAsync(stop.Token);
        }

        await app.DisposeAsync();
    }
}
