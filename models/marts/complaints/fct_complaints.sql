{#-
    One row per complaint placed in a Saraburi tambon, from every complaint feed.
    Codes come from the seeds: category (and its SLA), status, channel; unknown texts fall back to
    'other' / 'received' / 'other' and are listed by the warn-level tests in tests/dbt/complaints.
    Everything is as it stood at the as-of date (int_as_of_date_derived): complaints received after
    it are left out, one closed after it is still in progress, ages and overdue flags are measured
    at it.
-#}

with

complaints as (
    select * from {{ ref('int_complaints_located') }}
    where tambon_code is not null
),

as_of as (
    select
        as_of_date,
        cast(as_of_date + interval 1 day as timestamp) as as_of_end_at
    from {{ ref('int_as_of_date_derived') }}
),

categories as (
    select * from {{ ref('complaint_categories') }}
),

category_term_lists as (
    select
        category_code,
        unnest(string_split(match_terms_th, ';')) as match_term
    from categories
),

category_terms as (
    -- the code itself is a term too: the citizen app sends codes
    select distinct
        category_code,
        {{ normalise_term('match_term') }} as term
    from category_term_lists
    union
    select
        category_code,
        category_code as term
    from categories
),

statuses as (
    select
        {{ normalise_term('status_text') }} as term,
        status_code,
        status_name_th,
        status_name_en,
        is_closed
    from {{ ref('complaint_statuses') }}
),

status_names as (
    select distinct
        status_code,
        status_name_th,
        status_name_en
    from statuses
),

channels as (
    select
        {{ normalise_term('channel_text') }} as term,
        channel_code,
        channel_name_th,
        channel_name_en
    from {{ ref('complaint_channels') }}
),

coded as (
    select
        complaints.*,
        coalesce(category_terms.category_code, 'other') as category_code,
        coalesce(statuses.status_code, 'received') as reported_status,
        coalesce(statuses.is_closed, false) as is_reported_closed,
        coalesce(channels.channel_code, 'other') as channel,
        channels.channel_name_th,
        channels.channel_name_en
    from complaints
    left join category_terms
        on {{ normalise_term('complaints.category_text') }} = category_terms.term
    left join statuses
        on {{ normalise_term('complaints.status_text') }} = statuses.term
    left join channels
        on {{ normalise_term('complaints.channel_text') }} = channels.term
),

closings as (
    select
        coded.*,
        -- a closed complaint closed when its feed says so; Traffy only gives its last activity
        case
            when coded.is_reported_closed then coalesce(coded.closed_at_reported, coded.last_activity_at)
        end as reported_closed_at,
        as_of.as_of_date,
        as_of.as_of_end_at
    from coded
    cross join as_of
    where coded.received_at < as_of.as_of_end_at
),

as_of_state as (
    -- the complaint as it stood at the as-of date: one closed after it was still in progress then
    select
        *,
        is_reported_closed
        and (reported_closed_at is null or reported_closed_at < as_of_end_at) as is_closed
    from closings
),

with_sla as (
    select
        as_of_state.*,
        case
            when as_of_state.is_reported_closed and not as_of_state.is_closed then 'in_progress'
            else as_of_state.reported_status
        end as status,
        case when as_of_state.is_closed then as_of_state.reported_closed_at end as closed_at,
        categories.name_th as category_name_th,
        categories.name_en as category_name_en,
        categories.sla_days,
        as_of_state.received_at + to_days(categories.sla_days) as due_at
    from as_of_state
    inner join categories
        on as_of_state.category_code = categories.category_code
),

final as (
    select
        -- ids
        with_sla.complaint_id,
        with_sla.source_record_id,
        with_sla.tambon_code,
        with_sla.amphoe_code,
        with_sla.gps_tambon_code,

        -- strings
        with_sla.source_feed,
        with_sla.channel,
        with_sla.channel_name_th,
        with_sla.channel_name_en,
        with_sla.category_code,
        with_sla.category_name_th,
        with_sla.category_name_en,
        with_sla.category_text,
        with_sla.status,
        status_names.status_name_th,
        status_names.status_name_en,
        with_sla.area_source,
        with_sla.assigned_unit,

        -- numbers
        with_sla.sla_days,
        case
            when with_sla.status = 'resolved'
                then cast(
                    date_diff('day', cast(with_sla.received_at as date), cast(with_sla.closed_at as date)) as integer
                )
        end as days_to_resolve,
        case
            when not with_sla.is_closed
                then cast(date_diff('day', cast(with_sla.received_at as date), with_sla.as_of_date) as integer)
        end as days_open,
        with_sla.latitude,
        with_sla.longitude,

        -- booleans
        not with_sla.is_closed as is_open,
        -- the one rule of complaints.overdue: still open and past due at the as-of date
        coalesce(not with_sla.is_closed and with_sla.due_at < with_sla.as_of_end_at, false) as is_overdue,
        coalesce(with_sla.status = 'resolved' and with_sla.closed_at > with_sla.due_at, false)
            as is_resolved_late,
        with_sla.is_gps_consistent_with_text,

        -- dates
        with_sla.as_of_date,

        -- timestamps
        with_sla.received_at,
        case when with_sla.status = 'resolved' then with_sla.closed_at end as resolved_at,
        with_sla.closed_at,
        with_sla.due_at

    from with_sla
    left join status_names
        on with_sla.status = status_names.status_code
)

select * from final
