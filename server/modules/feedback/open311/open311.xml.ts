import { XMLBuilder } from 'fast-xml-parser'
import type {
  Open311Attribute,
  Open311Created,
  Open311Discovery,
  Open311Errors,
  Open311Request,
  Open311Service,
  Open311ServiceDefinition,
} from './open311.schemas.ts'

/**
 * The XML forms of the Open311 documents, element for element the JSON ones (the spec's XML
 * examples): lists become repeated child elements (<services><service>…), null becomes an empty
 * element, and text is escaped by the builder. Characters XML 1.0 cannot carry are dropped.
 */

export const XML_CONTENT_TYPE = 'text/xml; charset=utf-8'
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8'

const builder = new XMLBuilder({ format: true, suppressEmptyNode: true })
// Control characters other than tab, newline and carriage return are not allowed in XML 1.0.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to remove
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g

function clean(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(NOT_XML, '')
  if (Array.isArray(value)) return value.map(clean)
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, clean(inner)]))
  }
  // null: an empty element (the builder writes <name/>).
  return value === null ? '' : value
}

function document(root: string, content: unknown): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: clean(content) })}`
}

export const servicesXml = (services: Open311Service[]) => document('services', { service: services })

const attributeXml = ({ values, ...attribute }: Open311Attribute) => ({
  ...attribute,
  ...(values ? { values: { value: values } } : {}),
})

export const serviceDefinitionXml = (definition: Open311ServiceDefinition) =>
  document('service_definition', {
    service_code: definition.service_code,
    attributes: { attribute: definition.attributes.map(attributeXml) },
  })

export const requestsXml = (requests: Open311Request[]) => document('service_requests', { request: requests })

export const createdXml = (created: Open311Created) => document('service_requests', { request: created })

export const tokensXml = (tokens: { service_request_id: string; token: string }[]) =>
  document('service_requests', { request: tokens })

export const errorsXml = (errors: Open311Errors) => document('errors', { error: errors })

export const discoveryXml = (discovery: Open311Discovery) =>
  document('discovery', {
    changeset: discovery.changeset,
    contact: discovery.contact,
    key_service: discovery.key_service,
    endpoints: {
      endpoint: discovery.endpoints.map(({ formats, ...endpoint }) => ({
        ...endpoint,
        formats: { format: formats },
      })),
    },
  })
