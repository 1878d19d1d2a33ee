// The seed's cloud example, as documented: the baseline our function's round trip is measured against.
/* eslint-disable @typescript-eslint/no-require-imports */
/* global require, exports, Buffer */
const cloud = require('wx-server-sdk')
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })

exports.main = async (event) => {
  try {
    const result = await cloud.openapi.ocr.printedText({
      type: 'photo',
      img: { contentType: 'image/png', value: Buffer.from(event.img.value, 'base64') },
    })
    return result
  } catch (err) {
    return err
  }
}
