import type { Category } from '@dc/contracts'
import { useLanguage } from '../../i18n/useLanguage.ts'
import { categoryGroups } from './reportFacts.ts'

/**
 * The categories as <option>s grouped under their parent. `groupsSelectable`: a group itself can
 * be chosen too (a routing rule for a group covers its sub-categories); reports take leaves only.
 */
export function CategoryOptions({
  categories,
  groupsSelectable = false,
}: {
  categories: readonly Category[]
  groupsSelectable?: boolean
}) {
  const language = useLanguage()
  return (
    <>
      {categoryGroups(categories).map(({ group, leaves }) => {
        const options = leaves.map((leaf) => (
          <option key={leaf.id} value={leaf.id}>
            {leaf.name[language]}
          </option>
        ))
        // Categories outside any group (e.g. "Other") stand on their own.
        if (!group) return options
        return (
          <optgroup key={group.id} label={group.name[language]}>
            {groupsSelectable ? <option value={group.id}>{group.name[language]}</option> : null}
            {options}
          </optgroup>
        )
      })}
    </>
  )
}
