"""Parts of the real deployment started on 127.0.0.1 for tests: SeaweedFS (S3), nginx,
Streamlit replicas. Each part runs in the foreground of its own process group, with its
files in a temporary folder, and is stopped by its pid."""
