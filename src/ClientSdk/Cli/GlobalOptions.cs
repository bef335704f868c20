using System.CommandLine;

namespace IceFarm.Cli;

/// <summary>Options every command understands.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string?> Url = new("--url")
    {
        Description = "The ReservationService, such as http://localhost:8080/ (default: ICEFARM_URL)",
        Recursive = true,
    };

    public static readonly Option<string?> Token = new("--token")
    {
        Description = "Your client token; visible to others in the process list, so prefer --token-file or ICEFARM_TOKEN",
        Recursive = true,
    };

    public static readonly Option<string?> TokenFile = new("--token-file")
    {
        Description = "A file holding your client token (default: ICEFARM_TOKEN, then the file named by ICEFARM_TOKEN_FILE)",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Machine-readable output on stdout: one JSON document, or JSON Lines for evaluate and watch",
        Recursive = true,
    };
}
