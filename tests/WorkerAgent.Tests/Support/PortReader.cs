using System.Text;
using IceFarm.WorkerAgent.Boards;

namespace IceFarm.WorkerAgent.Tests.Support;

/// <summary>Reads what a port has received so far, without waiting.</summary>
internal static class PortReader
{
    /// <summary>Everything buffered, as text; relies on reads preferring buffered bytes over a cancelled token.</summary>
    public static async Task<string> DrainAsync(this ISerialTransport port)
    {
        var text = new StringBuilder();
        var buffer = new byte[4096];
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        while (true)
        {
            try
            {
                var count = await port.ReadAsync(buffer, cancelled.Token).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
                text.Append(Encoding.ASCII.GetString(buffer, 0, count));
            }
            catch (OperationCanceledException)
            {
                return text.ToString();
            }
        }
    }
}
