with

source as (
    select * from {{ source('lao_plans', 'lao_plan_projects') }}
),

renamed as (
    select
        -- ids
        lao_key,
        project_no,
        tambon_code,
        amphoe_code,

        -- strings
        strategy_name,
        project_name,
        objective,
        target_output,
        kpi as kpi_text,
        expected_result,
        responsible_unit,
        tambon_text,
        amphoe_text,
        status_text,
        area_match_method,

        -- numbers ("-" in the form means zero and lands as NULL)
        coalesce(budget_2566, 0) as budget_2566_thb,
        coalesce(budget_2567, 0) as budget_2567_thb,
        coalesce(budget_2568, 0) as budget_2568_thb,
        coalesce(budget_2569, 0) as budget_2569_thb,
        coalesce(budget_2570, 0) as budget_2570_thb,
        area_match_confidence,

        -- lineage
        _file_name as file_name,
        _row_number as source_row_number,
        _loaded_at as loaded_at

    from source
)

select * from renamed
