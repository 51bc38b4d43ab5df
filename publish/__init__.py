"""Build the warehouse with dbt into a new versioned file and publish it atomically."""

from publish.builds import (
    BuildFailed,
    BuildResult,
    build_and_publish,
    current_build,
    publish_version,
    published_builds,
)

__all__ = [
    "BuildFailed",
    "BuildResult",
    "build_and_publish",
    "current_build",
    "publish_version",
    "published_builds",
]
