using IceFarm.WorkerAgent.Kinds;
using Microsoft.Extensions.Options;

namespace IceFarm.WorkerAgent.Workers;

/// <summary>Fills the defaults that cannot be property initialisers (see <see cref="WorkerOptions.Kinds"/>).</summary>
internal sealed class WorkerOptionsSetup : IPostConfigureOptions<WorkerOptions>
{
    /// <inheritdoc />
    public void PostConfigure(string? name, WorkerOptions options)
    {
        if (options.Kinds.Count == 0)
        {
            options.Kinds.AddRange(KindRegistry.Default.Names);
        }
    }
}
