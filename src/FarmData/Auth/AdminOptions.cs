using System.ComponentModel.DataAnnotations;
using IceFarm.ServiceDefaults.Options;

namespace IceFarm.FarmData.Auth;

/// <summary>The bootstrap admin token (<c>Admin:Token</c>, or <c>ICEFARM_ADMIN_TOKEN</c> in the environment).</summary>
internal sealed class AdminOptions
{
    public const string Section = "Admin";

    public string Token { get; set; } = "";

    /// <summary>False once operators have their own tokens: the bootstrap token then signs nobody in.</summary>
    public bool BootstrapEnabled { get; set; } = true;

    [MustBeTrue(ErrorMessage = "An admin token of at least 16 characters is required while Admin:BootstrapEnabled is true: set ICEFARM_ADMIN_TOKEN or Admin:Token.")]
    public bool HasTokenWhenEnabled => !BootstrapEnabled || Token.Length >= 16;
}
