using Microsoft.Extensions.Options;

namespace IceFarm.FarmData.Auth;

/// <summary>
/// The bootstrap admin token (<c>Admin:Token</c> or <c>ICEFARM_ADMIN_TOKEN</c>), for first setup: issue operator tokens
/// with it, then turn it off (<c>Admin:BootstrapEnabled=false</c>). Registered only by the AdminApi.
/// </summary>
internal sealed class BootstrapAdmin(IOptions<AdminOptions> options)
{
    /// <summary>The name admin events record for actions taken with the bootstrap token.</summary>
    public const string Name = "bootstrap-admin";

    public bool Enabled => options.Value.BootstrapEnabled && options.Value.Token.Length > 0;

    public bool Matches(string secret) => Enabled && TokenHashing.FixedTimeEquals(secret, options.Value.Token);
}
