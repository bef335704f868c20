namespace IceFarm.Client.Tests;

/// <summary>
/// Holds evaluation uploads once armed, so a test can order an upload against the farm's own events (here: a lease
/// ending while the upload is on its way). Nothing else is held.
/// </summary>
internal sealed class SubmissionGate() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _armed;

    /// <summary>Completes when an upload is being held.</summary>
    public Task Held => _held.Task;

    public void Arm() => _armed = true;

    public void Open() => _open.TrySetResult();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_armed && request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/evaluations", StringComparison.Ordinal))
        {
            _held.TrySetResult();
            await _open.Task.WaitAsync(cancellationToken);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
