{#- One row per household x basic-minimum-needs indicator answered: ผ่าน (pass) -> is_passed true,
    ไม่ผ่าน (fail) -> false. Blank answers (indicator not applicable to the household) are left out.
    Only the keys go through the unpivot: at scale 1 this is ~4 million rows. -#}

with

answers as (
    select
        survey_year_be,
        household_id,
        columns('^ind_\d{2}$')
    from {{ ref('stg_cdd__households') }}
),

unpivoted as (
    unpivot answers
    on columns('^ind_\d{2}$')
    into name indicator_code value answer_text
),

recoded as (
    select
        survey_year_be,
        household_id,
        cast(right(indicator_code, 2) as integer) as indicator_no,
        -- ingest has already trimmed and cleaned the text: a plain comparison keeps this fast
        case
            when answer_text in ('ผ่าน', 'pass', 'Pass', 'PASS') then true
            when answer_text in ('ไม่ผ่าน', 'fail', 'Fail', 'FAIL') then false
        end as is_passed
    from unpivoted
)

select * from recoded
where is_passed is not null
