using IceFarm.Contracts.Evaluations;
using MassTransit;

namespace IceFarm.Bench.Sdk;

/// <summary>
/// Registered in both the service's and the worker's container: stamps an evaluation as its command is sent and consumed
/// and as its result is published and consumed. Each message type has one sender and one consumer, so one observer serves both.
/// </summary>
internal sealed class HopObserver(HopClock clock, TimeProvider time) : IConsumeObserver, ISendObserver, IPublishObserver
{
    public Task PreConsume<T>(ConsumeContext<T> context)
        where T : class
    {
        if (!clock.Recording)
        {
            return Task.CompletedTask;
        }

        switch (context.Message)
        {
            case EvaluateBitstream command:
                clock[command.EvaluationId].WorkerConsumed = HopClock.Now;
                break;
            case EvaluationCompleted result:
                clock[result.EvaluationId].ResultConsumed = HopClock.Now;
                break;
        }

        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context)
        where T : class
    {
        if (!clock.Recording)
        {
            return Task.CompletedTask;
        }

        if (context.Message is EvaluationCompleted result)
        {
            clock[result.EvaluationId].ResultStored = HopClock.Now;
        }

        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;

    public Task PreSend<T>(SendContext<T> context)
        where T : class
    {
        if (!clock.Recording)
        {
            return Task.CompletedTask;
        }

        if (context.Message is EvaluateBitstream command)
        {
            var times = clock[command.EvaluationId];
            times.SendStart = HopClock.Now;
            if (RequestStamps.Current is { } request)
            {
                times.RequestStart = request.Start;
                times.RequestDbMs = request.DbMs;
                times.RequestDbCommands = request.DbCommands;
            }
        }

        return Task.CompletedTask;
    }

    public Task PostSend<T>(SendContext<T> context)
        where T : class
    {
        if (!clock.Recording)
        {
            return Task.CompletedTask;
        }

        if (context.Message is EvaluateBitstream command)
        {
            clock[command.EvaluationId].SendEnd = HopClock.Now;
            clock.CountCommand(context.BodyLength);
        }

        return Task.CompletedTask;
    }

    public Task SendFault<T>(SendContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;

    public Task PrePublish<T>(PublishContext<T> context)
        where T : class
    {
        if (!clock.Recording)
        {
            return Task.CompletedTask;
        }

        if (context.Message is EvaluationCompleted result)
        {
            var now = HopClock.Now;
            var times = clock[result.EvaluationId];
            times.WorkerPublished = now;
            times.Serial = result.Serial;
            times.TransferMicroseconds = result.Telemetry?.TransferMicroseconds;
            // The result carries when the board's line was read (wall clock); the same instant on the stopwatch's clock.
            var sinceRead = time.GetUtcNow() - result.At;
            times.ResultRead = now - (long)(sinceRead.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        }

        return Task.CompletedTask;
    }

    public Task PostPublish<T>(PublishContext<T> context)
        where T : class
    {
        if (!clock.Recording)
        {
            return Task.CompletedTask;
        }

        if (context.Message is EvaluationCompleted)
        {
            clock.CountResult(context.BodyLength);
        }

        return Task.CompletedTask;
    }

    public Task PublishFault<T>(PublishContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;
}
