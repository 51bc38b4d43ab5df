{#- One row per project of a local development plan (form ผ.02) and plan year with a budget above
    zero: the five budget columns 2566-2570 unpivoted. The plan year is a Thai fiscal year (BE). -#}

with

projects as (
    select * from {{ ref('stg_lao_plans__projects') }}
),

statuses as (
    select
        {{ normalise_term('status_text') }} as term,
        status_code,
        status_name_th,
        status_name_en
    from {{ ref('project_statuses') }}
),

plan_years as (
    select
        -- a project is its row in its workbook: numbering restarts in every strategy
        left(md5(concat_ws('|', file_name, cast(source_row_number as varchar))), 16) as project_id,
        lao_key,
        strategy_name,
        project_no,
        project_name,
        responsible_unit,
        tambon_code,
        amphoe_code,
        status_text,
        unnest([2566, 2567, 2568, 2569, 2570]) as fiscal_year_be,
        unnest([
            budget_2566_thb, budget_2567_thb, budget_2568_thb, budget_2569_thb, budget_2570_thb
        ]) as budget_thb
    from projects
),

final as (
    select
        -- ids
        plan_years.project_id || '-' || plan_years.fiscal_year_be as project_key,
        plan_years.project_id,
        plan_years.lao_key,
        plan_years.tambon_code,
        plan_years.amphoe_code,

        -- strings
        plan_years.strategy_name,
        plan_years.project_no,
        plan_years.project_name,
        plan_years.responsible_unit,
        coalesce(statuses.status_code, 'planned') as status,
        coalesce(statuses.status_name_th, 'อยู่ในแผน') as status_name_th,
        coalesce(statuses.status_name_en, 'Planned') as status_name_en,

        -- numbers
        plan_years.fiscal_year_be,
        plan_years.budget_thb

    from plan_years
    left join statuses
        on {{ normalise_term('plan_years.status_text') }} = statuses.term
    where plan_years.budget_thb > 0
)

select * from final
