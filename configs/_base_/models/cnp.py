# Deterministic encoder [128]*4 + mean aggregator, decoder [128, 128, 2],
# sigma = 0.1 + 0.9 * softplus(log_sigma).
model = dict(
    type='CNP',
    x_size=1,
    y_size=1,
    encoder_output_sizes=[128, 128, 128, 128],
    decoder_output_sizes=[128, 128, 2],
    min_sigma=0.1,
)
