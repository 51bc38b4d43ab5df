-- Asserts no complaint is resolved or closed before it was received.
select
    complaint_id,
    received_at,
    resolved_at,
    closed_at
from {{ ref('fct_complaints') }}
where resolved_at < received_at or closed_at < received_at
