import { ApiProperty } from '@nestjs/swagger';
import { Sku } from '@waybill/inventory-domain';
import { IsString, Matches } from 'class-validator';

/**
 * The `{sku}` of /stock/{sku}: checked before any use case runs, so a malformed SKU answers 400.
 * Typed `string`, not `Sku`: decorator metadata would record the `Sku` helper object as the type.
 */
export class SkuPath {
  @ApiProperty({ type: String, example: 'TENT-2P', pattern: Sku.pattern.source, description: Sku.rule })
  @IsString()
  @Matches(Sku.pattern, { message: `sku must be ${Sku.rule}` })
  sku!: string;
}
