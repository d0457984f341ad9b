using System.Net;
using System.Net.Sockets;

namespace FunctionsFlow.Workflows.Runtime;

/// <summary>Bounds on what <c>http</c> steps may do.</summary>
public sealed class WorkflowHttpOptions
{
    /// <summary>The largest response body read (larger ones fail the attempt).</summary>
    public int MaxResponseBytes { get; set; } = 1024 * 1024;

    /// <summary>The timeout of one attempt when a step sets none.</summary>
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>When false (the default), steps may not reach link-local addresses (169.254.0.0/16, fe80::/10),
    /// where cloud metadata and credential endpoints live. Checked on the address actually connected to.</summary>
    public bool AllowLinkLocal { get; set; }

    /// <summary>True when a connection to <paramref name="address"/> is allowed.</summary>
    public bool IsAllowed(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (AllowLinkLocal)
        {
            return true;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => address.GetAddressBytes() is not [169, 254, ..],
            AddressFamily.InterNetworkV6 => !address.IsIPv6LinkLocal,
            _ => false,
        };
    }
}
