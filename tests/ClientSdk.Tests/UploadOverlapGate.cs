namespace IceFarm.Client.Tests;

/// <summary>
/// Holds the first evaluation upload until a second upload, to another board, arrives (or a deadline passes), and
/// records whether it did: uploads that are sent one after another never overlap.
/// </summary>
internal sealed class UploadOverlapGate(TimeSpan hold) : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly TaskCompletionSource<string> _second = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _first;
    private int _uploads;

    /// <summary>The first upload's board, and the board of an upload that arrived while it was held (null if none did).</summary>
    public (string? First, string? WhileHeld) Seen { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Post || !request.RequestUri!.AbsolutePath.EndsWith("/evaluations", StringComparison.Ordinal))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var serials = await SerialsOfAsync(request, cancellationToken);
        switch (Interlocked.Increment(ref _uploads))
        {
            case 1:
                _first = serials;
                string? whileHeld = null;
                try
                {
                    whileHeld = await _second.Task.WaitAsync(hold, cancellationToken);
                }
                catch (TimeoutException)
                {
                    // Nothing else came while this one was held: recorded as such, and the upload goes on.
                }

                Seen = (_first, whileHeld);
                break;
            default:
                _second.TrySetResult(serials);
                break;
        }

        return await base.SendAsync(request, cancellationToken);
    }

    private static async Task<string> SerialsOfAsync(HttpRequestMessage request, CancellationToken ct)
    {
        // The SDK names the boards in the one text part of its multipart upload; the bitstreams are binary parts.
        var form = (MultipartFormDataContent)request.Content!;
        return await form.OfType<StringContent>().Single().ReadAsStringAsync(ct);
    }
}
