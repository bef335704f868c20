using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IceFarm.AdminApi.Tests.Panel.Oidc;

/// <summary>
/// An <see cref="OidcPanelHost"/> whose AdminApi reads the time from <see cref="Time"/>, so a test can move a session
/// hours on. It starts at the real time: the provider's id tokens are checked against the real clock.
/// </summary>
public sealed class TimedOidcPanelHost : OidcPanelHost
{
    internal FakeTimeProvider Time { get; } = new(TimeProvider.System.GetUtcNow());

    // The AdminApi registers TimeProvider.System only when none is there yet.
    protected override void ConfigureAdminApi(WebApplicationBuilder builder) => builder.Services.AddSingleton<TimeProvider>(Time);
}
