import { page } from './common.js';

// English is the page's own HTML (common.js reads it from there); Spanish is here.

page({
  en: {},
  es: {
    title: 'Navegar con seguridad',
    intro: 'Si otra persona usa o revisa este teléfono o esta computadora, estos pasos ayudan a que tu visita a Chorus quede en privado. Ningún paso es perfecto: si crees que vigilan el propio dispositivo, usa otro.',
    exitTitle: 'Salir rápido',
    exitText: 'El botón rojo de arriba en cada página, o la tecla Mayúsculas pulsada tres veces, borra la página al instante y abre Google en su lugar. El botón Atrás no vuelve a Chorus. Lo que estabas escribiendo desaparece y no se envió.',
    historyTitle: 'El historial de tu navegador',
    historyOneEntry: 'Al pasar de una página de Chorus a otra, la nueva reemplaza a la anterior, así que el botón Atrás sale de Chorus en vez de recorrer las páginas que leíste. Para volver dentro de Chorus, usa los enlaces de arriba de la página.',
    historyList: 'La lista del historial de tu navegador sí guarda las páginas que abriste y cualquier búsqueda que hiciste para encontrarnos. Para quitarlas, abre el historial (Ctrl+H en una computadora, o el menú del navegador en un teléfono) y borra las entradas de Chorus. Borrar solo esas entradas llama menos la atención que borrar todo el historial.',
    privateTitle: 'Ventanas privadas',
    privateText: 'Una ventana privada (llamada Incógnito en Chrome e InPrivate en Edge) no guarda historial, cookies ni texto escrito cuando la cierras. Ábrela con Ctrl+Mayús+N en Chrome y Edge, Ctrl+Mayús+P en Firefox, o desde el menú del navegador en un teléfono. Cierra todas las ventanas privadas al terminar.',
    deviceTitle: 'Dispositivos compartidos o vigilados',
    deviceText: 'Chorus no guarda nada en tu dispositivo: ni cookies para lectores, ni borradores de tu historia, y tu elección de idioma solo hasta que cierres la pestaña. Pero un dispositivo puede tener programas que registran todo lo que escribes o ves, y una ventana privada no se puede esconder de ellos. Si eso te preocupa, usa un dispositivo al que la otra persona no tenga acceso, como una computadora de la biblioteca o el teléfono de una amistad de confianza, y habla con una línea de ayuda sobre un plan de seguridad.',
    manageTitle: 'Tu enlace privado',
    manageText: 'Cuando compartes una historia recibes un enlace privado. Quien lo tenga puede leer, cambiar o retirar tu historia, y no podemos enviarlo de nuevo. No lo guardes como marcador en un dispositivo compartido: guárdalo en un gestor de contraseñas, o escríbelo y guárdalo donde solo tú puedas llegar. Si otra persona pudo encontrarlo, ábrelo y retira tu historia.',
    emailText: 'Si diste un correo electrónico, nuestros mensajes llegan a ese buzón. No lo des si otra persona lee tu correo.',
  },
});
