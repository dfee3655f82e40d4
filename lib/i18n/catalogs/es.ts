// Español: the same keys as catalogs/en.ts (TypeScript checks them), in neutral
// Spanish (usted avoided in favour of the impersonal and "tú" forms news sites use).
import type { Catalog } from "../catalog-types";

export const es: Catalog = {
  language: {
    name: "Español",
  },

  common: {
    siteName: "TRANSCEND Media Service (demo)",
    siteDescription: "Artículos y debate moderado.",
    skipToContent: "Ir al contenido",
    skipToComments: "Ir a los comentarios",
    language: "Idioma",
    justNow: "ahora mismo",
    close: "Cerrar",
    cancel: "Cancelar",
  },

  reader: {
  },

  form: {
  },

  frame: {
  },

  api: {
    invalidInput: "Datos no válidos",
    invalidFields: "{fields} no válido: {problem}",
    internal: "Algo ha fallado por nuestra parte. Inténtalo de nuevo.",
  },

  mail: {
  },

  dashboard: {
  },

  sites: {
  },

  accessibility: {
  },
};
