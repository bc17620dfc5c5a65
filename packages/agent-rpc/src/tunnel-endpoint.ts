/** One tunnel endpoint: a host's address on the overlay of one tunnel type (`vxlan`, `gre`, `geneve`). */
export interface TunnelEndpoint {
  /** The agent's host; empty for an endpoint registered without one (old agents). */
  host: string;
  ip_address: string;
  /** VXLAN only: the UDP port the endpoint listens on (4789 when the agent says nothing). */
  udp_port?: number;
}

/** `tunnel_sync`: an agent announces its tunnel endpoint and asks for everybody else's. */
export interface TunnelSyncRequest {
  tunnel_ip: string;
  tunnel_type: string;
  /** The agent's host; agents older than Neutron's RPC 1.4 send none. */
  host?: string;
  /** VXLAN: the agent's UDP port, when it uses another than 4789. */
  udp_port?: number;
}

/** The answer to `tunnel_sync`: every endpoint of that tunnel type, the caller's included. */
export interface TunnelSyncResult {
  tunnels: TunnelEndpoint[];
}
