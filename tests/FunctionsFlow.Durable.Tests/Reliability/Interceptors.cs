namespace FunctionsFlow.Durable.Tests.Reliability;

/// <summary>Delivers every queue message twice.</summary>
public sealed class DuplicatingInterceptor : IStorageInterceptor
{
    public async ValueTask<T> InvokeAsync<T>(string operation, string? instanceId, Func<ValueTask<T>> proceed)
    {
        var result = await proceed();
        if (operation.EndsWith(".Send", StringComparison.Ordinal))
        {
            await proceed();
        }

        return result;
    }
}

/// <summary>Simulates a process that dies at its N-th storage call (before or after the call takes effect):
/// that call and every later one fail, as if the process were gone.</summary>
public sealed class CrashInterceptor(int crashAt, bool afterTheCall) : IStorageInterceptor
{
    private int _calls;

    public bool Crashed { get; private set; }

    /// <summary>Calls that change state or return work (empty receives are not counted).</summary>
    public int Calls => _calls;

    public async ValueTask<T> InvokeAsync<T>(string operation, string? instanceId, Func<ValueTask<T>> proceed)
    {
        if (Crashed)
        {
            throw new SimulatedCrashException();
        }

        var isReceive = operation.EndsWith(".Receive", StringComparison.Ordinal);
        var number = isReceive ? 0 : Interlocked.Increment(ref _calls);
        if (number == crashAt && !afterTheCall)
        {
            Crashed = true;
            throw new SimulatedCrashException();
        }

        var result = await proceed();
        if (isReceive && result is System.Collections.ICollection { Count: > 0 })
        {
            number = Interlocked.Increment(ref _calls);
            if (number == crashAt)
            {
                Crashed = true;
                throw new SimulatedCrashException();
            }
        }

        if (number == crashAt && afterTheCall)
        {
            Crashed = true;
            throw new SimulatedCrashException();
        }

        return result;
    }
}

/// <summary>Makes every load of one instance fail, so its messages become poison.</summary>
public sealed class PoisonInterceptor(string poisonedInstanceId) : IStorageInterceptor
{
    public ValueTask<T> InvokeAsync<T>(string operation, string? instanceId, Func<ValueTask<T>> proceed) =>
        operation == "Store.Load" && instanceId == poisonedInstanceId
            ? throw new InvalidOperationException("simulated corrupt instance")
            : proceed();
}

public sealed class SimulatedCrashException : Exception
{
    public SimulatedCrashException()
        : base("simulated process crash")
    {
    }

    public SimulatedCrashException(string message)
        : base(message)
    {
    }

    public SimulatedCrashException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
