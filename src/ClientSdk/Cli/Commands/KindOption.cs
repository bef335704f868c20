using System.CommandLine;

namespace IceFarm.Cli.Commands;

/// <summary>The <c>--kind</c> option shared by the commands that reserve.</summary>
internal static class KindOption
{
    public static Option<string> Create() => new("--kind", "-k")
    {
        Description = "Reservation kind: pulsecount or variance",
        DefaultValueFactory = _ => "pulsecount",
    };
}
